package io.shardgate.execute;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.shardgate.config.EndpointConfig;

/** One database server of a data source (its primary or a replica) with its connection pool. */
public record Endpoint(String dataSource, EndpointConfig config, HikariDataSource pool) {

    /** Connections borrowed from the pool and not yet given back. */
    public int connectionsInUse() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getActiveConnections();
    }

    @Override
    public String toString() {
        return pool.getPoolName();
    }
}
