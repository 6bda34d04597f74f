package io.shardgate.execute;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.config.PoolConfig;
import io.shardgate.execute.replica.ReadYourWrites;
import io.shardgate.execute.replica.ReplicaHealthChecker;
import io.shardgate.execute.replica.ReplicaSet;
import io.shardgate.execute.replica.ReplicaStatus;
import io.shardgate.execute.replica.Ticker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HikariCP pool per physical endpoint: each data source's primary and each of its replicas. Pools are named
 * {@code shardgate-<dataSource>-primary} and {@code shardgate-<dataSource>-replica<i>} so they are easy to find in
 * logs and JMX. Pools start without connecting: a shard that is down at start-up fails the statements that
 * need it, not the whole engine. The registry also owns the replicas' health checker.
 */
public final class DataSourceRegistry implements AutoCloseable {
    private final Map<String, ReplicaSet> shards = new LinkedHashMap<>();
    private final ReplicaHealthChecker healthChecker;

    /**
     * @param replicaCheckInterval how often replicas are checked once {@link #startReplicaChecks()} ran
     * @param ticker               the time replica health, lag and read-your-writes windows are measured in
     */
    public DataSourceRegistry(Map<String, DataSourceConfig> dataSources, Duration replicaCheckInterval,
                              Ticker ticker) {
        List<Endpoint> created = new ArrayList<>();
        try {
            for (DataSourceConfig ds : dataSources.values()) {
                Endpoint primary = endpoint(ds, ds.primary(), "primary");
                created.add(primary);
                List<Endpoint> replicas = new ArrayList<>();
                for (int i = 0; i < ds.replicas().size(); i++) {
                    replicas.add(endpoint(ds, ds.replicas().get(i), "replica" + i));
                    created.add(replicas.get(i));
                }
                shards.put(ds.name(), new ReplicaSet(ds.name(), primary, replicas, ds.read(), replicaCheckInterval,
                        ticker));
            }
        } catch (RuntimeException e) {
            created.forEach(endpoint -> endpoint.pool().close());
            throw e;
        }
        this.healthChecker = new ReplicaHealthChecker(shards.values(), replicaCheckInterval, ticker);
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

    /**
     * Checks every replica once, so reads use replicas from the first statement on, then keeps checking in the
     * background. Until this runs no replica gets reads.
     */
    public void startReplicaChecks() {
        healthChecker.start();
    }

    /** One round of replica checks on the caller's thread; for tests that move a ticker by hand. */
    void checkReplicasNow() {
        healthChecker.checkNow();
    }

    public boolean contains(String dataSource) {
        return shards.containsKey(dataSource);
    }

    public Endpoint primary(String dataSource) throws SQLException {
        return replicas(dataSource).primary();
    }

    /** The data source's primary, replicas, read settings and replica health. */
    public ReplicaSet replicas(String dataSource) throws SQLException {
        ReplicaSet shard = shards.get(dataSource);
        if (shard == null) {
            throw new SQLException("unknown data source " + dataSource + " (configured: "
                    + String.join(", ", shards.keySet()) + ")", "HY000");
        }
        return shard;
    }

    /** A new session's read-your-writes state over these data sources. */
    public ReadYourWrites newReadYourWrites() {
        return new ReadYourWrites(Collections.unmodifiableMap(shards));
    }

    /** Every replica's state, data source by data source. */
    public List<ReplicaStatus> replicaStatus() {
        List<ReplicaStatus> all = new ArrayList<>();
        for (ReplicaSet shard : shards.values()) {
            all.addAll(shard.status());
        }
        return all;
    }

    /** A pooled connection to the endpoint; errors name the pool. */
    public static Connection connect(Endpoint endpoint) throws SQLException {
        try {
            return endpoint.pool().getConnection();
        } catch (SQLException e) {
            throw new SQLException(endpoint + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /** All endpoints, primaries first within each data source. */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (ReplicaSet shard : shards.values()) {
            all.add(shard.primary());
            all.addAll(shard.replicas());
        }
        return all;
    }

    /** Stops the replica checks, then closes the pools. */
    @Override
    public void close() {
        healthChecker.close();
        for (Endpoint endpoint : endpoints()) {
            endpoint.pool().close();
        }
    }
}
