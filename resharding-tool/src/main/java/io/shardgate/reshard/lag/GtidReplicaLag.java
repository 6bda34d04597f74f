package io.shardgate.reshard.lag;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.reshard.stream.GtidPosition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * Replica lag of MariaDB data sources from GTID positions, as the driver's replica health checker measures it:
 * each measurement samples every primary's {@code @@gtid_binlog_pos}, then reads each replica's
 * {@code @@gtid_slave_pos} (what its SQL thread has applied) and compares it with the samples
 * ({@link PrimaryPositions}). {@code Seconds_Behind_Master} is not used: it is NULL once the SQL thread stops and 0
 * while the IO thread itself is behind. Connections are the guard's own, kept between measurements, with connect
 * and read timeouts, and reopened after a failure; a replica that could not be checked is tried again only after
 * {@link #RETRY_UNREACHABLE} and reported unreachable meanwhile.
 */
public final class GtidReplicaLag implements ReplicaLagSource {
    private record Watched(DataSourceConfig dataSource, PrimaryPositions primary) {
    }

    private final List<Watched> watched = new ArrayList<>();
    private final LongSupplier nanoClock;
    private final Duration timeout;
    private final Map<String, Connection> open = new HashMap<>();
    /** Replicas that could not be checked, with when and why: re-tried only after {@link #RETRY_UNREACHABLE}. */
    private final Map<String, Failed> failed = new HashMap<>();

    private record Failed(long at, String problem) {
    }

    /** A server that does not answer may cost a whole timeout per try: it is not tried at every measurement. */
    static final Duration RETRY_UNREACHABLE = Duration.ofSeconds(30);

    /**
     * @param dataSources data sources whose replicas are watched (those without replicas are skipped)
     * @param window      how long back primary positions are kept: should exceed the largest lag worth telling apart
     * @param timeout     how long connecting or one query may take before the server counts as unreachable
     */
    public GtidReplicaLag(Collection<DataSourceConfig> dataSources, Duration window, Duration timeout,
                          LongSupplier nanoClock) {
        Map<String, DataSourceConfig> distinct = new LinkedHashMap<>();
        for (DataSourceConfig dataSource : dataSources) {
            if (!dataSource.replicas().isEmpty()) {
                distinct.putIfAbsent(dataSource.primary().url() + " " + dataSource.replicas().stream()
                        .map(EndpointConfig::url).toList(), dataSource);
            }
        }
        distinct.values().forEach(ds -> watched.add(new Watched(ds, new PrimaryPositions(window))));
        this.timeout = timeout;
        this.nanoClock = nanoClock;
    }

    /** The replicas measured, in configuration order. */
    public List<String> replicas() {
        return watched.stream().flatMap(w -> w.dataSource().replicas().stream()).map(EndpointConfig::toString)
                .toList();
    }

    @Override
    public List<ReplicaLag> measure() {
        List<ReplicaLag> lags = new ArrayList<>();
        for (Watched w : watched) {
            GtidPosition primaryNow = null;
            try {
                primaryNow = GtidPosition.parse(query(w.dataSource().primary(), "SELECT @@gtid_binlog_pos"));
                w.primary().add(nanoClock.getAsLong(), primaryNow);
            } catch (SQLException | RuntimeException e) {
                // no fresh sample: the replicas are compared with the older ones; the copy reports a dead primary
            }
            for (EndpointConfig replica : w.dataSource().replicas()) {
                Failed before = failed.get(replica.url());
                if (before != null && nanoClock.getAsLong() - before.at() < RETRY_UNREACHABLE.toNanos()) {
                    lags.add(ReplicaLag.unreachable(replica.toString(), before.problem()));
                    continue;
                }
                try {
                    GtidPosition applied = GtidPosition.parse(query(replica, "SELECT @@gtid_slave_pos"));
                    lags.add(ReplicaLag.measured(replica.toString(),
                            w.primary().lagOf(applied, nanoClock.getAsLong()),
                            primaryNow == null ? 0 : applied.transactionsBehind(primaryNow)));
                    failed.remove(replica.url());
                } catch (SQLException | RuntimeException e) {
                    String problem = String.valueOf(e.getMessage());
                    failed.put(replica.url(), new Failed(nanoClock.getAsLong(), problem));
                    lags.add(ReplicaLag.unreachable(replica.toString(), problem));
                }
            }
        }
        return lags;
    }

    private String query(EndpointConfig endpoint, String sql) throws SQLException {
        Connection connection = open.get(endpoint.url());
        boolean kept = connection != null;
        try {
            return queryOn(connection == null ? connect(endpoint) : connection, sql);
        } catch (SQLException | RuntimeException e) {
            discard(endpoint);
            if (!kept) {
                throw e;
            }
        }
        // a kept connection may have died with a restarted server: one more try on a new one
        try {
            return queryOn(connect(endpoint), sql);
        } catch (SQLException | RuntimeException e) {
            discard(endpoint);
            throw e;
        }
    }

    private static String queryOn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Connection connect(EndpointConfig endpoint) throws SQLException {
        Properties properties = new Properties();
        if (endpoint.user() != null) {
            properties.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        Connection connection = DriverManager.getConnection(endpoint.url(), properties);
        try {
            connection.setNetworkTimeout(Runnable::run, (int) timeout.toMillis());
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        open.put(endpoint.url(), connection);
        return connection;
    }

    private void discard(EndpointConfig endpoint) {
        Connection broken = open.remove(endpoint.url());
        if (broken != null) {
            try {
                broken.close();
            } catch (SQLException ignored) {
                // broken already; the server drops the session
            }
        }
    }

    @Override
    public void close() {
        for (Connection connection : open.values()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // on the way out; the server drops the session
            }
        }
        open.clear();
    }
}
