package io.shardgate.config;

import java.util.Map;

/** A whole loaded configuration: the data sources to connect to, the routing rules and engine properties. */
public record ShardgateConfig(Map<String, DataSourceConfig> dataSources, ShardingRules rules, EngineProps props) {
    public ShardgateConfig {
        dataSources = Map.copyOf(dataSources);
    }
}
