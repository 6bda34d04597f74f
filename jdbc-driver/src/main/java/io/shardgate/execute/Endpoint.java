package io.shardgate.execute;

import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.config.EndpointConfig;

/** One database server of a data source (its primary or a replica) with its connection pool. */
public record Endpoint(String dataSource, EndpointConfig config, HikariDataSource pool) {
    @Override
    public String toString() {
        return pool.getPoolName();
    }
}
