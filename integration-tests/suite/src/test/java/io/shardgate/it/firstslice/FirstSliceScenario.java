package io.shardgate.it.firstslice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.algorithm.ShardingAlgorithm;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;
import io.shardgate.jdbc.ShardgateDriver;
import io.shardgate.testing.DatabaseServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first end-to-end slice through the JDBC driver against two real database servers: DDL fans out to every
 * physical table, each inserted row lands in the physical table its key maps to (checked on the servers
 * directly, with the same rule object the engine uses), and reads return what the union of all rows says they
 * should. Servers start once per class; the tests run in order on the same data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FirstSliceScenario {
    private static final List<String> DATA_SOURCES = List.of("ds0", "ds1");
    private static final String[] NOTES = {"bulk", "express", "gift", "returned", "standard"};
    private static final int ROWS = 1_000;
    private static final int MULTI_ROW_INSERTS = 100;
    /** AVG of DECIMAL(10,2) in MySQL: the column's scale + 4. */
    private static final int AVG_SCALE = 6;

    @TempDir
    static Path dir;

    private final List<DatabaseServer> servers = new ArrayList<>();
    private String url;
    private TableRule orders;
    private Connection shardgate;
    /** The rows as inserted, by id: what every read is checked against. */
    private final Map<Long, OrderRow> inserted = new TreeMap<>();

    record OrderRow(long id, long userId, BigDecimal amount, String note) {
    }

    /** A new, not yet started server of the kind under test. */
    abstract DatabaseServer newServer(String name);

    /** SQL expression for the schema that unqualified table names go to on a direct connection. */
    abstract String currentSchemaExpression();

    @BeforeAll
    void startServersAndConnect() throws Exception {
        for (String ds : DATA_SOURCES) {
            servers.add(newServer("slice-" + ds));
        }
        DatabaseServer.startAll(servers.toArray(DatabaseServer[]::new));
        for (int i = 0; i < servers.size(); i++) {
            servers.get(i).createDatabase(database(i));
        }
        Path config = dir.resolve("shardgate.yaml");
        Files.writeString(config, configYaml("hash", "    shardKey: user_id\n", "ds1"));
        orders = ConfigLoader.load(config).rules().table("orders").orElseThrow();
        url = "jdbc:shardgate:" + config;
        shardgate = DriverManager.getConnection(url);
    }

    @AfterAll
    void stopServers() throws SQLException {
        try {
            if (shardgate != null) {
                shardgate.close();
            }
            if (url != null) {
                ShardgateDriver.closeEngine(url); // pools first, so nothing reconnects to stopping servers
            }
        } finally {
            for (DatabaseServer server : servers) {
                server.stop();
            }
        }
    }

    private static String database(int shard) {
        return "shard" + shard;
    }

    private String configYaml(String algorithm, String shardKeyLine, String secondNodeDataSource) {
        StringBuilder yaml = new StringBuilder("dataSources:\n");
        for (int i = 0; i < servers.size(); i++) {
            DatabaseServer server = servers.get(i);
            yaml.append("  ").append(DATA_SOURCES.get(i)).append(":\n")
                    .append("    primary: { url: \"").append(server.jdbcUrl(database(i)))
                    .append("\", user: ").append(server.user())
                    .append(", password: \"").append(server.password()).append("\" }\n");
        }
        return yaml.append("tables:\n")
                .append("  orders:\n")
                .append(shardKeyLine)
                .append("    algorithm: ").append(algorithm).append('\n')
                .append("    nodes: [ds0.orders_0, ds0.orders_1, ").append(secondNodeDataSource)
                .append(".orders_0, ds1.orders_1]\n")
                .toString();
    }

    private Connection direct(int shard) throws SQLException {
        return servers.get(shard).connection(database(shard));
    }

    @Test
    @Order(1)
    void createTableCreatesEveryPhysicalTable() throws SQLException {
        try (Statement s = shardgate.createStatement()) {
            assertThat(s.executeUpdate("CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, "
                    + "amount DECIMAL(10,2), note VARCHAR(100))")).isZero();
        }
        for (int shard = 0; shard < servers.size(); shard++) {
            List<String> tables = new ArrayList<>();
            try (Connection c = direct(shard); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = " + currentSchemaExpression() + " ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).as("tables of %s", DATA_SOURCES.get(shard)).containsExactly("orders_0", "orders_1");
        }
    }

    @Test
    @Order(2)
    void insertedRowsLandInThePhysicalTableTheirKeyMapsTo() throws SQLException {
        Random random = new Random(20240601);
        int prepared = ROWS - MULTI_ROW_INSERTS;
        try (PreparedStatement insert = shardgate.prepareStatement(
                "INSERT INTO orders (id, user_id, amount, note) VALUES (?, ?, ?, ?)")) {
            for (long id = 1; id <= prepared; id++) {
                OrderRow o = randomOrder(id, random);
                insert.setLong(1, o.id);
                insert.setLong(2, o.userId);
                insert.setBigDecimal(3, o.amount);
                insert.setString(4, o.note);
                assertThat(insert.executeUpdate()).isEqualTo(1);
                inserted.put(id, o);
            }
        }
        try (Statement s = shardgate.createStatement()) {
            for (long first = prepared + 1; first <= ROWS; first += 20) {
                StringBuilder sql = new StringBuilder("INSERT INTO orders (id, user_id, amount, note) VALUES ");
                for (long id = first; id < first + 20; id++) {
                    OrderRow o = randomOrder(id, random);
                    sql.append(id == first ? "" : ", ").append('(').append(o.id).append(", ").append(o.userId)
                            .append(", ").append(o.amount.toPlainString()).append(", '").append(o.note).append("')");
                    inserted.put(id, o);
                }
                assertThat(s.executeUpdate(sql.toString())).as("multi-row insert count").isEqualTo(20);
            }
        }

        ShardingAlgorithm algorithm = orders.algorithm();
        Set<Long> seen = new HashSet<>();
        for (int node = 0; node < orders.nodes().size(); node++) {
            DataNode dataNode = orders.nodes().get(node);
            List<OrderRow> stored = readPhysicalTable(dataNode);
            assertThat(stored).as("rows in %s", dataNode).isNotEmpty();
            for (OrderRow row : stored) {
                assertThat(algorithm.shardFor(List.of(row.userId))).as("node of user %d (order %d) found in %s",
                        row.userId, row.id, dataNode).isEqualTo(node);
                assertThat(seen.add(row.id)).as("order %d stored once", row.id).isTrue();
                assertThat(row).isEqualTo(inserted.get(row.id));
            }
        }
        assertThat(seen).hasSize(ROWS);
    }

    private static OrderRow randomOrder(long id, Random random) {
        return new OrderRow(id, 1 + random.nextInt(200), BigDecimal.valueOf(random.nextInt(100_000), 2),
                NOTES[random.nextInt(NOTES.length)]);
    }

    private List<OrderRow> readPhysicalTable(DataNode node) throws SQLException {
        List<OrderRow> rows = new ArrayList<>();
        try (Connection c = direct(DATA_SOURCES.indexOf(node.dataSource())); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, user_id, amount, note FROM " + node.physicalTable())) {
            while (rs.next()) {
                rows.add(new OrderRow(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getString(4)));
            }
        }
        return rows;
    }

    @Test
    @Order(3)
    void pointSelectByShardKeyReturnsThatUsersRows() throws SQLException {
        Map<Long, List<OrderRow>> byUser =
                inserted.values().stream().collect(Collectors.groupingBy(OrderRow::userId));
        try (PreparedStatement select = shardgate.prepareStatement(
                "SELECT id, user_id, amount, note FROM orders WHERE user_id = ? ORDER BY id")) {
            for (long user : List.of(1L, 17L, 99L, 200L)) {
                select.setLong(1, user);
                assertThat(read(select.executeQuery())).as("user %d", user)
                        .isEqualTo(byUser.getOrDefault(user, List.of()));
            }
        }
    }

    @Test
    @Order(4)
    void selectWithoutShardKeyReturnsEveryRow() throws SQLException {
        try (Statement s = shardgate.createStatement()) {
            List<OrderRow> all = read(s.executeQuery("SELECT id, user_id, amount, note FROM orders"));
            assertThat(all).hasSize(ROWS).containsExactlyInAnyOrderElementsOf(inserted.values());
        }
    }

    @Test
    @Order(5)
    void countOrderByLimitAndGroupByMatchTheUnionComputedInJava() throws SQLException {
        try (Statement s = shardgate.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(ROWS);
            }
            assertThat(read(s.executeQuery(
                    "SELECT id, user_id, amount, note FROM orders ORDER BY id LIMIT 10 OFFSET 5")))
                    .isEqualTo(inserted.values().stream().skip(5).limit(10).toList());

            List<String> byNote = rows(s.executeQuery("SELECT note, COUNT(*), SUM(amount), MIN(amount), "
                    + "MAX(amount), AVG(amount) FROM orders GROUP BY note ORDER BY note"));
            assertThat(byNote).isEqualTo(expectedGroups(OrderRow::note));

            List<String> byUser = rows(s.executeQuery("SELECT user_id, COUNT(*), SUM(amount), MIN(amount), "
                    + "MAX(amount), AVG(amount) FROM orders GROUP BY user_id ORDER BY user_id"));
            assertThat(byUser).isEqualTo(expectedGroups(OrderRow::userId));
        }
    }

    /** "key count sum min max avg" per group in key order. */
    private <K extends Comparable<K>> List<String> expectedGroups(Function<OrderRow, K> key) {
        Map<K, List<OrderRow>> groups =
                new TreeMap<>(inserted.values().stream().collect(Collectors.groupingBy(key)));
        List<String> out = new ArrayList<>();
        groups.forEach((k, rows) -> {
            BigDecimal sum = rows.stream().map(OrderRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal min = rows.stream().map(OrderRow::amount).min(BigDecimal::compareTo).orElseThrow();
            BigDecimal max = rows.stream().map(OrderRow::amount).max(BigDecimal::compareTo).orElseThrow();
            BigDecimal avg = sum.divide(BigDecimal.valueOf(rows.size()), AVG_SCALE, RoundingMode.HALF_UP);
            out.add(k + " " + rows.size() + " " + plain(sum) + " " + plain(min) + " " + plain(max) + " " + plain(avg));
        });
        return out;
    }

    /**
     * Rows as space-separated values, numbers without trailing zeros and at most {@link #AVG_SCALE} decimals:
     * PostgreSQL computes AVG of groups that stay on one shard (GROUP BY the shard key) with more digits than
     * MySQL's sum scale + 4, which is what the merger uses for cross-shard groups.
     */
    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object v = rs.getObject(i);
                    values.add(v instanceof BigDecimal d ? plain(d.scale() > AVG_SCALE
                            ? d.setScale(AVG_SCALE, RoundingMode.HALF_UP) : d) : String.valueOf(v));
                }
                out.add(String.join(" ", values));
            }
        }
        return out;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static List<OrderRow> read(ResultSet rs) throws SQLException {
        List<OrderRow> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new OrderRow(rs.getLong("id"), rs.getLong("user_id"), rs.getBigDecimal("amount"),
                        rs.getString("note")));
            }
        }
        return out;
    }

    @Test
    @Order(6)
    void badConfigurationFailsTheConnectionNamingTheProblem() throws Exception {
        assertConnectFails(configYaml("hashh", "    shardKey: user_id\n", "ds1"), "unknown algorithm 'hashh'");
        assertConnectFails(configYaml("hash", "", "ds1"), "tables.orders.shardKey: missing");
        assertConnectFails(configYaml("hash", "    shardKey: user_id\n", "ds9"), "names data source ds9");
    }

    private void assertConnectFails(String yaml, String expectedMessage) throws Exception {
        Path config = Files.createTempFile(dir, "bad", ".yaml");
        Files.writeString(config, yaml);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardgate:" + config))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(expectedMessage);
    }
}
