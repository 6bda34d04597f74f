package io.shardgate.proxy.it;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single-shard reads answered by pass-through: the shard's own answer, copied to the client. Each read is checked
 * against the same statement sent by the same client driver straight to the shard's physical table, column by
 * column and type by type, so nothing may be lost or altered on the way; and the proxy's counter shows the reads
 * really took the pass-through. Two databases of one MariaDB server are the shards.
 */
class PassThroughIT {
    private static final int ROWS = 40;
    private static final int BIG_ROWS = 3000;

    @TempDir
    static Path configDir;
    static MariaDbServer server;
    static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        server = new MariaDbServer("passthrough").start();
        server.createDatabase("pt0");
        server.createDatabase("pt1");
        for (String db : List.of("pt0", "pt1")) {
            try (Connection c = direct(db); Statement s = c.createStatement()) {
                for (String table : List.of("items_0", "items_1")) {
                    s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(40), price "
                            + "DECIMAL(10,2), qty INT, flag TINYINT(1), small SMALLINT UNSIGNED, big BIGINT UNSIGNED, "
                            + "ratio DOUBLE, f FLOAT, created DATETIME(3), birthday DATE, alarm TIME, data VARBINARY(20), "
                            + "note TEXT, kind ENUM('a','b'))");
                }
                s.execute("CREATE TABLE bulk_0 (k INT, n INT, pad VARCHAR(2000))");
            }
        }
        Path config = configDir.resolve("shardgate.yaml");
        Files.writeString(config, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root, password: "" } }
                  ds1: { primary: { url: "%s", user: root, password: "" } }
                tables:
                  items: { shardKey: id, algorithm: hash, nodes: [ds0.items_0, ds0.items_1, ds1.items_0, ds1.items_1] }
                  bulk: { shardKey: k, algorithm: hash, nodes: [ds0.bulk_0, ds1.bulk_0] }
                """.formatted(server.jdbcUrl("pt0"), server.jdbcUrl("pt1")));
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--config", config.toString()));
        try (Connection c = Client.MARIADB.connect(proxy.port());
             PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name, price, qty, flag, small, big, "
                     + "ratio, f, created, birthday, alarm, data, note, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                boolean nulls = id % 7 == 0;
                insert.setLong(1, id);
                insert.setString(2, nulls ? null : "item ü " + id);
                insert.setBigDecimal(3, nulls ? null : new java.math.BigDecimal(id + ".25"));
                insert.setObject(4, nulls ? null : -id * 1000);
                insert.setObject(5, nulls ? null : id % 2);
                insert.setObject(6, nulls ? null : 60000 + id);
                insert.setObject(7, nulls ? null : new java.math.BigInteger("18446744073709551600").add(
                        java.math.BigInteger.valueOf(id % 10)));
                insert.setObject(8, nulls ? null : id / 3.0);
                insert.setObject(9, nulls ? null : (float) (id * 1.5));
                insert.setObject(10, nulls ? null : java.sql.Timestamp.valueOf("2026-11-22 10:11:12.345"));
                insert.setObject(11, nulls ? null : java.sql.Date.valueOf("2026-01-" + (id % 28 + 1)));
                insert.setObject(12, nulls ? null : java.sql.Time.valueOf("23:59:" + (10 + id % 50)));
                insert.setObject(13, nulls ? null : new byte[]{0, (byte) 0xFF, (byte) id, 10, 13, 39});
                insert.setString(14, nulls ? null : "note with 'quotes' and \\ backslash " + id);
                insert.setString(15, nulls ? null : id % 2 == 0 ? "a" : "b");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Connection c = Client.MARIADB.connect(proxy.port());
             PreparedStatement insert = c.prepareStatement("INSERT INTO bulk (k, n, pad) VALUES (?, ?, ?)")) {
            for (int n = 0; n < BIG_ROWS; n++) {
                insert.setInt(1, 1);
                insert.setInt(2, n);
                insert.setString(3, "x".repeat(1000 + n % 1000));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Connection direct(String db) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(db), server.user(), server.password());
    }

    /** The client's URL pointed at the shard server instead of the proxy. */
    private static Connection directAs(Client client, String db) throws SQLException {
        return DriverManager.getConnection(client.url(server.port(), db));
    }

    /** Where a row lives, as the proxy's own plan says. */
    private static String[] physical(long id) throws SQLException {
        try (Connection c = Client.MARIADB.connect(proxy.port()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PREVIEW SELECT * FROM items WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            String ds = rs.getString(1);
            String sql = rs.getString(2);
            String table = sql.substring(sql.indexOf("items_"), sql.indexOf("items_") + 7);
            return new String[]{ds.equals("ds0") ? "pt0" : "pt1", table};
        }
    }

    /**
     * Column labels, then each row's values as text (binary columns in hex). Types as the client reports them are
     * not compared: for prepared statements they come from the proxy's COM_STMT_PREPARE answer, not the shard's.
     */
    private static List<String> describe(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                byte[] bytes = md.getColumnLabel(i).equals("data") ? rs.getBytes(i) : null;
                row.append(bytes != null ? java.util.HexFormat.of().formatHex(bytes) : rs.getString(i)).append(';');
            }
            out.add(row.toString());
        }
        return out;
    }

    /**
     * Reads rows of both shards until a whole round is passed through: the first reads open the pass-through
     * connections in the background while the engine answers them.
     */
    private static void warmUp(Connection c) throws Exception {
        for (int round = 0; round < 100; round++) {
            long before = proxy.passedThrough();
            for (int id = 1; id <= 8; id++) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT id FROM items WHERE id = " + id)) {
                    assertThat(rs.next()).isTrue();
                }
            }
            if (proxy.passedThrough() - before == 8) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("reads did not take the pass-through");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void pointReadsAreTheShardsOwnAnswerColumnByColumn(Client client) throws Exception {
        try (Connection c = client.connect(proxy.port())) {
            warmUp(c);
            long before = proxy.passedThrough();
            for (long id = 1; id <= ROWS; id++) {
                String[] where = physical(id);
                List<String> viaProxy;
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        viaProxy = describe(rs);
                    }
                }
                List<String> straight;
                try (Connection d = directAs(client, where[0]);
                     PreparedStatement ps = d.prepareStatement("SELECT * FROM " + where[1] + " WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        straight = describe(rs);
                    }
                }
                assertThat(viaProxy).as("row %d", id).isEqualTo(straight);
            }
            assertThat(proxy.passedThrough() - before).isGreaterThanOrEqualTo(ROWS);
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void passedThroughRowsReadAsTheEngineReadsThem(Client client) throws Exception {
        try (Connection c = client.connect(proxy.port())) {
            warmUp(c);
            List<String> fast = new ArrayList<>();
            List<String> slow = new ArrayList<>();
            for (long id = 1; id <= ROWS; id++) {
                long passed = proxy.passedThrough();
                fast.addAll(readItem(c, id));
                assertThat(proxy.passedThrough()).isGreaterThan(passed);
                c.setAutoCommit(false); // inside a transaction the engine runs every statement
                slow.addAll(readItem(c, id));
                c.commit();
                c.setAutoCommit(true);
            }
            assertThat(fast).isEqualTo(slow);
        }
    }

    private static List<String> readItem(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return describe(rs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void resultColumnsNameTheLogicalSchemaAndNoPhysicalTable(Client client) throws Exception {
        try (Connection c = client.connect(proxy.port())) {
            warmUp(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT name AS n, qty FROM items WHERE id = ?")) {
                ps.setLong(1, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    assertThat(md.getCatalogName(1) + md.getSchemaName(1)).contains("shardgate")
                            .doesNotContain("pt0").doesNotContain("pt1");
                    assertThat(md.getTableName(1)).doesNotContain("items_");
                    assertThat(md.getColumnLabel(1)).isEqualTo("n");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("n")).isEqualTo("item ü 3");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aLargeSingleShardResultArrivesWhole(Client client) throws Exception {
        try (Connection c = client.connect(proxy.port())) {
            warmUp(c);
            long before = proxy.passedThrough();
            try (PreparedStatement ps = c.prepareStatement("SELECT n, pad FROM bulk WHERE k = ?")) {
                ps.setInt(1, 1);
                long count = 0;
                long length = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        length += rs.getString(2).length();
                    }
                }
                assertThat(count).isEqualTo(BIG_ROWS);
                long expected = 0;
                for (int n = 0; n < BIG_ROWS; n++) {
                    expected += 1000 + n % 1000;
                }
                assertThat(length).isEqualTo(expected);
            }
            assertThat(proxy.passedThrough()).isGreaterThan(before);
        }
    }

    @Test
    void theShardsErrorReachesTheClientWithItsCodeAndState() throws Exception {
        try (Connection c = Client.MYSQL_SERVER_PREPARED.connect(proxy.port())) {
            warmUp(c);
            long before = proxy.passedThrough();
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT no_such_column FROM items WHERE id = 5");
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1054);
                assertThat(e.getSQLState()).isEqualTo("42S22");
            });
            assertThat(proxy.passedThrough()).isGreaterThan(before);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT qty FROM items WHERE id = 5")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(-5000);
            }
        }
    }

    @Test
    void readsInsideATransactionGoThroughTheEngine() throws Exception {
        try (Connection c = Client.MARIADB.connect(proxy.port())) {
            warmUp(c);
            c.setAutoCommit(false);
            long before = proxy.passedThrough();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE items SET qty = 77 WHERE id = 9");
                try (ResultSet rs = s.executeQuery("SELECT qty FROM items WHERE id = 9")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(77);
                }
                c.rollback();
            }
            assertThat(proxy.passedThrough()).isEqualTo(before);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT qty FROM items WHERE id = 9")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(-9000);
            }
            warmUp(c); // after the transaction, reads take the pass-through again
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void explicitTransactionsSeeTheirOwnWritesAndPassThroughResumesAfterThem(Client client) throws Exception {
        try (Connection c = client.connect(proxy.port()); Statement s = c.createStatement()) {
            warmUp(c);
            for (int round = 0; round < 3; round++) {
                long before = proxy.passedThrough();
                s.execute("BEGIN");
                s.executeUpdate("UPDATE items SET qty = " + (500 + round) + " WHERE id = 11");
                for (int i = 0; i < 5; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT qty FROM items WHERE id = 11")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(500 + round);
                    }
                }
                s.execute("ROLLBACK");
                assertThat(proxy.passedThrough()).isEqualTo(before);
                try (ResultSet rs = s.executeQuery("SELECT qty FROM items WHERE id = 11")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(-11000);
                }
            }
            warmUp(c);
        }
    }

    @Test
    void killedShardConnectionsCostNoReadAndThePassThroughReconnects() throws Exception {
        try (Connection c = Client.MYSQL_SERVER_PREPARED.connect(proxy.port());
             PreparedStatement ps = c.prepareStatement("SELECT qty FROM items WHERE id = ?")) {
            warmUp(c);
            try (Connection admin = direct("pt0"); Statement s = admin.createStatement()) {
                List<Long> victims = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE id <> "
                        + "CONNECTION_ID() AND db IN ('pt0', 'pt1')")) {
                    while (rs.next()) {
                        victims.add(rs.getLong(1));
                    }
                }
                assertThat(victims).isNotEmpty();
                for (long id : victims) {
                    s.execute("KILL CONNECTION " + id);
                }
            }
            // the engine's JDBC pool checks connections idle for more than half a second before lending them
            Thread.sleep(1100);
            for (int round = 0; round < 3; round++) {
                for (long id = 1; id <= ROWS; id++) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getObject(1)).isEqualTo(id % 7 == 0 ? null : (int) (-id * 1000));
                    }
                }
            }
            warmUp(c);
        }
    }
}
