package io.shardgate.reshard;

import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Two MariaDB primaries with row-based binlogs, shared by every integration test of this JVM (started once), and a
 * per-test layout on them: sources ds0 (server A) and ds1 (server B) holding {@code orders} under a 2-shard hash
 * rule; under the 4-shard rule each source's rows split into a new table next to it ({@code orders_1}) and one on
 * a new data source (ds2 on A, ds3 on B); and a metadata database on A. Each test uses
 * its own database names, so tests do not see each other's rows or workflows.
 */
final class ReshardCluster {
    /** Distinct user ids the generated orders use; order {@code id} belongs to user {@code id % USERS}. */
    static final int USERS = 4096;
    private static MariaDbTopology serverA;
    private static MariaDbTopology serverB;

    final String prefix;
    final Path currentYaml;
    final Path targetYaml;

    private ReshardCluster(String prefix, Path dir) throws IOException {
        this.prefix = prefix;
        this.currentYaml = dir.resolve("current.yaml");
        this.targetYaml = dir.resolve("target.yaml");
    }

    /** Starts the shared servers if needed and lays out databases {@code PREFIX_s0..s3} and {@code PREFIX_meta}. */
    static ReshardCluster create(String prefix, Path dir) throws IOException {
        synchronized (ReshardCluster.class) {
            if (serverA == null) {
                serverA = MariaDbTopology.builder().name("reshard-a").replicas(0).start();
                serverB = MariaDbTopology.builder().name("reshard-b").replicas(0).start();
            }
        }
        ReshardCluster cluster = new ReshardCluster(prefix, dir);
        for (String db : List.of("s0", "s2", "meta")) {
            a().createDatabase(prefix + "_" + db);
        }
        for (String db : List.of("s1", "s3")) {
            b().createDatabase(prefix + "_" + db);
        }
        Files.writeString(cluster.currentYaml, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root } }
                  ds1: { primary: { url: "%s", user: root } }
                tables:
                  orders:
                    shardKey: user_id
                    algorithm: hash
                    nodes: [ds0.orders, ds1.orders]
                """.formatted(a().jdbcUrl(prefix + "_s0"), b().jdbcUrl(prefix + "_s1")));
        Files.writeString(cluster.targetYaml, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root } }
                  ds1: { primary: { url: "%s", user: root } }
                  ds2: { primary: { url: "%s", user: root } }
                  ds3: { primary: { url: "%s", user: root } }
                tables:
                  orders:
                    shardKey: user_id
                    algorithm: hash
                    nodes: [ds0.orders_1, ds2.orders, ds1.orders_1, ds3.orders]
                """.formatted(a().jdbcUrl(prefix + "_s0"), b().jdbcUrl(prefix + "_s1"), a().jdbcUrl(prefix + "_s2"),
                b().jdbcUrl(prefix + "_s3")));
        return cluster;
    }

    static MariaDbServer a() {
        return serverA.primary();
    }

    static MariaDbServer b() {
        return serverB.primary();
    }

    String metaUrl() {
        return a().jdbcUrl(prefix + "_meta") + "?user=root";
    }

    /** The user of order {@code id} in generated data. */
    static long userOf(long id) {
        return userId((int) (id % USERS));
    }

    static long userId(int index) {
        return 1_000_003L * index + 17;
    }

    /** The current (2-shard) hash shard of a user: 0 on ds0 (server A), 1 on ds1 (server B). */
    static int currentShard(long userId) {
        return HashAlgorithm.evenly(2).shardFor(List.of(userId));
    }

    /** The target (4-shard) hash shard of a user: nodes ds0, ds2, ds1, ds3. */
    static int targetShard(long userId) {
        return HashAlgorithm.evenly(4).shardFor(List.of(userId));
    }

    Connection source(int shard) throws SQLException {
        return shard == 0 ? a().connection(prefix + "_s0") : b().connection(prefix + "_s1");
    }

    /** Target shard 1 (ds2, server A) or 3 (ds3, server B). */
    Connection target(int shard) throws SQLException {
        return shard == 1 ? a().connection(prefix + "_s2") : b().connection(prefix + "_s3");
    }

    /**
     * Creates {@code orders} on both sources and fills them server-side with {@code rows} orders ({@code id} 1..rows),
     * each on the shard the current rules give its user: a small {@code users_map} table carries each user's shard,
     * computed here, and MariaDB's {@code seq} engine generates the rows.
     */
    void createOrders(int rows) throws SQLException {
        for (int shard = 0; shard < 2; shard++) {
            try (Connection connection = source(shard); Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE orders (
                          id BIGINT NOT NULL PRIMARY KEY,
                          user_id BIGINT NOT NULL,
                          amount DECIMAL(12,2) NOT NULL,
                          note VARCHAR(100) NULL,
                          created_at DATETIME(3) NOT NULL,
                          KEY by_user (user_id)
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
                statement.execute("CREATE TABLE users_map (idx INT PRIMARY KEY, user_id BIGINT NOT NULL, "
                        + "current_shard INT NOT NULL, target_shard INT NOT NULL)");
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO users_map VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < USERS; i++) {
                        long user = userId(i);
                        insert.setInt(1, i);
                        insert.setLong(2, user);
                        insert.setInt(3, currentShard(user));
                        insert.setInt(4, targetShard(user));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                statement.execute("INSERT INTO orders (id, user_id, amount, note, created_at) "
                        + "SELECT s.seq, m.user_id, (s.seq * 37 % 100000) / 100, "
                        + "IF(s.seq % 10 = 0, NULL, CONCAT('order ', s.seq, ' é')), "
                        + "TIMESTAMP'2024-01-01 00:00:00.123' + INTERVAL s.seq SECOND "
                        + "FROM seq_1_to_" + rows + " s JOIN users_map m ON m.idx = s.seq % " + USERS
                        + " WHERE m.current_shard = " + shard);
                statement.execute("ANALYZE TABLE orders");
            }
        }
    }

    /** Rows the target rules place on target shard {@code targetShard} (1: ds2, 3: ds3), counted at the source. */
    long expectedOnTarget(int targetShard) throws SQLException {
        int sourceShard = targetShard < 2 ? 0 : 1;
        return count(source(sourceShard), "SELECT COUNT(*) FROM orders o JOIN users_map m ON m.user_id = o.user_id "
                + "WHERE m.target_shard = " + targetShard);
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs the tool in this JVM. */
    static Result reshard(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReshardMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }
}
