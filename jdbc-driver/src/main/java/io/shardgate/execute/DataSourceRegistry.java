package io.shardgate.execute;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.config.PoolConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HikariCP pool per physical endpoint: each data source's primary and each of its replicas. Pools are named
 * {@code shardgate-<dataSource>-primary} and {@code shardgate-<dataSource>-replica<i>} so they are easy to find in
 * logs and JMX. Pools start without connecting: a shard that is down at start-up fails the statements that
 * need it, not the whole engine.
 */
public final class DataSourceRegistry implements AutoCloseable {

    private record Shard(Endpoint primary, List<Endpoint> replicas) {
    }

    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final ReplicaSelector replicaSelector;

    public DataSourceRegistry(Map<String, DataSourceConfig> dataSources, ReplicaSelector replicaSelector) {
        this.replicaSelector = replicaSelector;
        try {
            for (DataSourceConfig ds : dataSources.values()) {
                Endpoint primary = endpoint(ds, ds.primary(), "primary");
                List<Endpoint> replicas = new ArrayList<>();
                shards.put(ds.name(), new Shard(primary, replicas));
                for (int i = 0; i < ds.replicas().size(); i++) {
                    replicas.add(endpoint(ds, ds.replicas().get(i), "replica" + i));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Endpoint endpoint(DataSourceConfig ds, EndpointConfig endpoint, String role) {
        PoolConfig pool = ds.pool();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("shardgate-" + ds.name() + "-" + role);
        hikari.setJdbcUrl(endpoint.url());
        hikari.setUsername(endpoint.user());
        hikari.setPassword(endpoint.password());
        hikari.setMaximumPoolSize(pool.maxSize());
        hikari.setMinimumIdle(pool.minIdle());
        hikari.setConnectionTimeout(pool.connectionTimeout().toMillis());
        hikari.setIdleTimeout(pool.idleTimeout().toMillis());
        hikari.setMaxLifetime(pool.maxLifetime().toMillis());
        hikari.setInitializationFailTimeout(-1);
        try {
            return new Endpoint(ds.name(), endpoint, new HikariDataSource(hikari));
        } catch (RuntimeException e) { // typically no JDBC driver for the URL on the classpath
            throw new IllegalStateException(endpoint + ": " + e.getMessage(), e);
        }
    }

    public boolean contains(String dataSource) {
        return shards.containsKey(dataSource);
    }

    public Endpoint primary(String dataSource) throws SQLException {
        return shard(dataSource).primary;
    }

    /** Where a read that may use a replica goes: the selector's choice, or the primary without replicas. */
    public Endpoint forRead(String dataSource) throws SQLException {
        Shard shard = shard(dataSource);
        if (shard.replicas.isEmpty()) {
            return shard.primary;
        }
        Endpoint chosen = replicaSelector.select(dataSource, shard.replicas);
        return chosen != null ? chosen : shard.primary;
    }

    /** A pooled connection to the endpoint; errors name the pool. */
    public static Connection connect(Endpoint endpoint) throws SQLException {
        try {
            return endpoint.pool().getConnection();
        } catch (SQLException e) {
            throw new SQLException(endpoint + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private Shard shard(String dataSource) throws SQLException {
        Shard shard = shards.get(dataSource);
        if (shard == null) {
            throw new SQLException("unknown data source " + dataSource + " (configured: "
                    + String.join(", ", shards.keySet()) + ")", "HY000");
        }
        return shard;
    }

    /** All endpoints, primaries first within each data source. */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (Shard shard : shards.values()) {
            all.add(shard.primary);
            all.addAll(shard.replicas);
        }
        return all;
    }

    @Override
    public void close() {
        for (Endpoint endpoint : endpoints()) {
            endpoint.pool().close();
        }
    }
}
