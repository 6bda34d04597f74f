package io.shardgate.it.resharding;

import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.reshard.ReshardMain;
import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two MariaDB servers with row-based binlogs and an {@code orders} table to reshard: under the current rules it is
 * hash-sharded over ds0 (server A) and ds1 (server B); under the target rules each of those splits into a new table
 * next to it ({@code orders_1}) and one on a new data source (ds2 on A, ds3 on B). A metadata database on A is the
 * store both the application's driver and the tool use. Both rule files name it, so the application loads the
 * current file and follows whatever version the store publishes.
 */
final class ReshardTopology implements AutoCloseable {
    /** Distinct users; generated order {@code id} belongs to user {@code id % USERS}. */
    static final int USERS = 4096;
    static final HashAlgorithm CURRENT = HashAlgorithm.evenly(2);
    static final HashAlgorithm TARGET = HashAlgorithm.evenly(4);

    /** One physical table of a layout. */
    record Node(String name, MariaDbServer server, String database, String table) {
        Connection connect() throws SQLException {
            return server.connection(database);
        }
    }

    private final MariaDbTopology serverA;
    private final MariaDbTopology serverB;
    final Path currentYaml;
    final Path targetYaml;

    private ReshardTopology(MariaDbTopology serverA, MariaDbTopology serverB, Path dir) {
        this.serverA = serverA;
        this.serverB = serverB;
        this.currentYaml = dir.resolve("current.yaml");
        this.targetYaml = dir.resolve("target.yaml");
    }

    static ReshardTopology start(Path dir) throws IOException {
        MariaDbTopology a = MariaDbTopology.builder().name("reshard-it-a").replicas(0).start();
        MariaDbTopology b;
        try {
            b = MariaDbTopology.builder().name("reshard-it-b").replicas(0).start();
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        ReshardTopology topology = new ReshardTopology(a, b, dir);
        for (String db : List.of("s0", "s2", "meta")) {
            topology.a().createDatabase(db);
        }
        for (String db : List.of("s1", "s3")) {
            topology.b().createDatabase(db);
        }
        String store = "props:\n  metadataStore: { url: \"" + topology.a().jdbcUrl("meta") + "\", user: root }\n";
        Files.writeString(topology.currentYaml, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root }, pool: { maxSize: 16 } }
                  ds1: { primary: { url: "%s", user: root }, pool: { maxSize: 16 } }
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders, ds1.orders] }
                """.formatted(topology.a().jdbcUrl("s0"), topology.b().jdbcUrl("s1")) + store);
        Files.writeString(topology.targetYaml, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root }, pool: { maxSize: 16 } }
                  ds1: { primary: { url: "%s", user: root }, pool: { maxSize: 16 } }
                  ds2: { primary: { url: "%s", user: root }, pool: { maxSize: 16 } }
                  ds3: { primary: { url: "%s", user: root }, pool: { maxSize: 16 } }
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders_1, ds2.orders, ds1.orders_1, ds3.orders] }
                """.formatted(topology.a().jdbcUrl("s0"), topology.b().jdbcUrl("s1"), topology.a().jdbcUrl("s2"),
                topology.b().jdbcUrl("s3")) + store);
        return topology;
    }

    MariaDbServer a() {
        return serverA.primary();
    }

    MariaDbServer b() {
        return serverB.primary();
    }

    String metaUrl() {
        return a().jdbcUrl("meta") + "?user=root";
    }

    String driverUrl() {
        return "jdbc:shardgate:" + currentYaml;
    }

    /** The current layout, in the rule's node order. */
    List<Node> currentLayout() {
        return List.of(new Node("ds0.orders", a(), "s0", "orders"), new Node("ds1.orders", b(), "s1", "orders"));
    }

    /** The target layout, in the rule's node order. */
    List<Node> targetLayout() {
        return List.of(new Node("ds0.orders_1", a(), "s0", "orders_1"), new Node("ds2.orders", a(), "s2", "orders"),
                new Node("ds1.orders_1", b(), "s1", "orders_1"), new Node("ds3.orders", b(), "s3", "orders"));
    }

    static long userId(int index) {
        return 1_000_003L * index + 17;
    }

    /**
     * Creates {@code orders} on both sources and fills them server-side with {@code rows} orders ({@code id}
     * 1..rows), each on the shard the current rules give its user ({@code users_map} carries each user's shard,
     * computed here; MariaDB's {@code seq} engine generates the rows).
     */
    void createOrders(int rows) throws SQLException {
        List<Node> layout = currentLayout();
        for (int shard = 0; shard < layout.size(); shard++) {
            try (Connection connection = layout.get(shard).connect(); Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE orders (
                          id BIGINT NOT NULL PRIMARY KEY,
                          user_id BIGINT NOT NULL,
                          amount DECIMAL(12,2) NOT NULL,
                          note VARCHAR(200) NULL,
                          created_at DATETIME(3) NOT NULL,
                          KEY by_user (user_id)
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
                statement.execute("CREATE TABLE users_map (idx INT PRIMARY KEY, user_id BIGINT NOT NULL, "
                        + "shard INT NOT NULL)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users_map VALUES (?, ?, ?)")) {
                    for (int i = 0; i < USERS; i++) {
                        insert.setInt(1, i);
                        insert.setLong(2, userId(i));
                        insert.setInt(3, CURRENT.shardFor(List.of(userId(i))));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                statement.execute("INSERT INTO orders (id, user_id, amount, note, created_at) "
                        + "SELECT s.seq, m.user_id, (s.seq * 37 % 100000) / 100, "
                        + "IF(s.seq % 10 = 0, NULL, CONCAT('order ', s.seq, ' é')), "
                        + "TIMESTAMP'2024-01-01 00:00:00.123' + INTERVAL s.seq SECOND "
                        + "FROM seq_1_to_" + rows + " s JOIN users_map m ON m.idx = s.seq % " + USERS
                        + " WHERE m.shard = " + shard);
                statement.execute("ANALYZE TABLE orders");
            }
        }
    }

    /** Every row of a layout by id, as the application sees its columns. */
    static Map<Long, OrderRow> read(Node node) throws SQLException {
        Map<Long, OrderRow> rows = new LinkedHashMap<>();
        try (Connection connection = node.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, user_id, amount, note FROM " + node.table())) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new OrderRow(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3),
                        rs.getString(4)));
            }
        }
        return rows;
    }

    /** Runs the resharding tool in this JVM. */
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

    /** One order as the writers and the checks see it. */
    record OrderRow(long id, long userId, BigDecimal amount, String note) {
        OrderRow {
            amount = amount.setScale(2);
        }
    }

    @Override
    public void close() {
        try {
            serverA.close();
        } finally {
            serverB.close();
        }
    }
}
