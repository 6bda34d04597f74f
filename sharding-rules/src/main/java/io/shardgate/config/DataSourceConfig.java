package io.shardgate.config;

import java.util.List;

/** A shard database: one primary for writes and optional replicas for reads, sharing pool settings. */
public record DataSourceConfig(String name, EndpointConfig primary, List<EndpointConfig> replicas, PoolConfig pool,
                               ReadConfig read) {
    public DataSourceConfig {
        replicas = List.copyOf(replicas);
    }
}
