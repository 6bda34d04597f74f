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
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One HikariCP pool per physical endpoint: each data source's primary and each of its replicas. Pools are named
 * {@code shardgate-<dataSource>-primary} and {@code shardgate-<dataSource>-replica<i>} so they are easy to find in
 * logs and JMX. Pools start without connecting: a shard that is down at start-up fails the statements that
 * need it, not the whole engine. The registry also owns the replicas' health checkers. Data sources can be added
 * while in use (a new rules version brings new shards); none is ever removed before {@link #close()}, so
 * transactions that started under an older version keep their connections.
 */
public final class DataSourceRegistry implements AutoCloseable {
    private final Map<String, ReplicaSet> shards = new ConcurrentHashMap<>();
    /** The sets in the order they were configured, for listings. */
    private final List<ReplicaSet> ordered = new CopyOnWriteArrayList<>();
    private final List<ReplicaHealthChecker> healthCheckers = new CopyOnWriteArrayList<>();
    private final Duration replicaCheckInterval;
    private final Ticker ticker;

    /**
     * @param replicaCheckInterval how often replicas are checked once {@link #startReplicaChecks()} ran
     * @param ticker               the time replica health, lag and read-your-writes windows are measured in
     */
    public DataSourceRegistry(Map<String, DataSourceConfig> dataSources, Duration replicaCheckInterval,
                              Ticker ticker) {
        this.replicaCheckInterval = replicaCheckInterval;
        this.ticker = ticker;
        healthCheckers.add(new ReplicaHealthChecker(addSets(dataSources.values()), replicaCheckInterval, ticker));
    }

    /**
     * Adds the data sources not known yet (by name) and starts checking their replicas; returns their names. A
     * known name must be configured the same way: its pools are already in use.
     *
     * @throws IllegalArgumentException naming the data source whose configuration differs
     */
    public synchronized List<String> addMissing(Map<String, DataSourceConfig> dataSources) {
        List<DataSourceConfig> missing = new ArrayList<>();
        for (DataSourceConfig ds : dataSources.values()) {
            ReplicaSet known = shards.get(ds.name());
            if (known == null) {
                missing.add(ds);
            } else if (!sameEndpoints(known, ds)) {
                throw new IllegalArgumentException("data source " + ds.name() + " is configured with other servers "
                        + "than the engine already uses; a data source name must keep meaning the same servers");
            }
        }
        if (!missing.isEmpty()) {
            ReplicaHealthChecker checker = new ReplicaHealthChecker(addSets(missing), replicaCheckInterval, ticker);
            healthCheckers.add(checker);
            checker.start();
        }
        return missing.stream().map(DataSourceConfig::name).toList();
    }

    private static boolean sameEndpoints(ReplicaSet known, DataSourceConfig ds) {
        List<String> urls = new ArrayList<>();
        urls.add(ds.primary().url());
        ds.replicas().forEach(replica -> urls.add(replica.url()));
        List<String> knownUrls = new ArrayList<>();
        knownUrls.add(known.primary().config().url());
        known.replicas().forEach(replica -> knownUrls.add(replica.config().url()));
        return urls.equals(knownUrls);
    }

    private List<ReplicaSet> addSets(Collection<DataSourceConfig> dataSources) {
        List<Endpoint> created = new ArrayList<>();
        List<ReplicaSet> added = new ArrayList<>();
        try {
            for (DataSourceConfig ds : dataSources) {
                Endpoint primary = endpoint(ds, ds.primary(), "primary");
                created.add(primary);
                List<Endpoint> replicas = new ArrayList<>();
                for (int i = 0; i < ds.replicas().size(); i++) {
                    replicas.add(endpoint(ds, ds.replicas().get(i), "replica" + i));
                    created.add(replicas.get(i));
                }
                added.add(new ReplicaSet(ds.name(), primary, replicas, ds.read(), replicaCheckInterval, ticker));
            }
        } catch (RuntimeException e) {
            created.forEach(endpoint -> endpoint.pool().close());
            throw e;
        }
        for (ReplicaSet set : added) {
            shards.put(set.dataSource(), set);
            ordered.add(set);
        }
        return added;
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
        if (usesDefaultMariaDbSockets(endpoint.url())) {
            hikari.addDataSourceProperty("socketFactory", BlockingSocketFactory.class.getName());
        }
        try {
            return new Endpoint(ds.name(), endpoint, new HikariDataSource(hikari));
        } catch (RuntimeException e) { // typically no JDBC driver for the URL on the classpath
            throw new IllegalStateException(endpoint + ": " + e.getMessage(), e);
        }
    }

    /** MariaDB Connector/J with its own sockets: those get {@link BlockingSocketFactory}'s, unless the URL names one. */
    static boolean usesDefaultMariaDbSockets(String url) {
        return url.startsWith("jdbc:mariadb:") && !url.contains("socketFactory=");
    }

    /**
     * Checks every replica once, so reads use replicas from the first statement on, then keeps checking in the
     * background. Until this runs no replica gets reads.
     */
    public void startReplicaChecks() {
        healthCheckers.forEach(ReplicaHealthChecker::start);
    }

    /** One round of replica checks on the caller's thread; for tests that move a ticker by hand. */
    void checkReplicasNow() {
        healthCheckers.forEach(ReplicaHealthChecker::checkNow);
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
                    + String.join(", ", ordered.stream().map(ReplicaSet::dataSource).toList()) + ")", "HY000");
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
        for (ReplicaSet shard : ordered) {
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
        for (ReplicaSet shard : ordered) {
            all.add(shard.primary());
            all.addAll(shard.replicas());
        }
        return all;
    }

    /** Stops the replica checks, then closes the pools. */
    @Override
    public void close() {
        healthCheckers.forEach(ReplicaHealthChecker::close);
        for (Endpoint endpoint : endpoints()) {
            endpoint.pool().close();
        }
    }
}
