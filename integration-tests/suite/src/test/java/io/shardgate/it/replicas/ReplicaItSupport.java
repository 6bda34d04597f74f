package io.shardgate.it.replicas;

import io.shardgate.config.ConfigLoader;
import io.shardgate.execute.replica.ReplicaStatus;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Configuration text and polling shared by the replica ITs. */
final class ReplicaItSupport {
    /** Replica checks run this often in the ITs, so lag shows within a few hundred milliseconds. */
    static final int CHECK_INTERVAL_MS = 100;

    private ReplicaItSupport() {
    }

    /**
     * One {@code dataSources} entry. A short pool connection timeout bounds what a dead server costs a statement.
     *
     * @param read the flow mapping of its read settings
     */
    static String dataSource(String name, DatabaseServer primary, List<? extends DatabaseServer> replicas,
                             String database, String read) {
        StringBuilder yaml = new StringBuilder("  ").append(name).append(":\n")
                .append("    primary: ").append(endpoint(primary, database)).append('\n');
        if (!replicas.isEmpty()) {
            yaml.append("    replicas:\n");
            for (DatabaseServer replica : replicas) {
                yaml.append("      - ").append(endpoint(replica, database)).append('\n');
            }
        }
        return yaml.append("    pool: { maxSize: 4, connectionTimeoutMs: 1000 }\n")
                .append("    read: ").append(read).append('\n').toString();
    }

    private static String endpoint(DatabaseServer server, String database) {
        return "{ url: \"" + server.jdbcUrl(database) + "\", user: " + server.user() + ", password: \""
                + server.password() + "\" }";
    }

    /** A data source over a configuration: {@code dataSources} entries, then the rest of the file. */
    static ShardgateDataSource shardgate(String name, String dataSources, String rest) {
        return shardgate(name, dataSources, rest, CHECK_INTERVAL_MS);
    }

    static ShardgateDataSource shardgate(String name, String dataSources, String rest, int checkIntervalMs) {
        String yaml = "dataSources:\n" + dataSources + rest
                + "props: { replicaCheckIntervalMs: " + checkIntervalMs + " }\n";
        return new ShardgateDataSource(ConfigLoader.load(yaml, name + ".yaml"));
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static void update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** The state of each replica named, e.g. {@code ds0-replica1} for pool {@code shardgate-ds0-replica1}. */
    static List<ReplicaStatus.State> states(ShardgateDataSource shardgate, String... replicas) throws SQLException {
        List<ReplicaStatus> all = shardgate.engine().replicaStatus();
        List<ReplicaStatus.State> states = new ArrayList<>();
        for (String replica : replicas) {
            states.add(all.stream().filter(s -> s.endpoint().equals("shardgate-" + replica)).findFirst()
                    .orElseThrow(() -> new AssertionError("no replica " + replica + " in " + all)).state());
        }
        return states;
    }

    /** Polls until {@code done} holds for what {@code probe} returns; fails naming {@code what} after the timeout. */
    static <T> T eventually(Duration timeout, String what, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout.toMillis() + " ms; last: " + last);
            }
            Thread.sleep(20);
            last = probe.call();
        }
        return last;
    }
}
