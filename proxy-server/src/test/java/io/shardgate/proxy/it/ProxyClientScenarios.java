package io.shardgate.proxy.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same client scenarios against a proxy over any backend: each driver and prepared-statement mode creates the
 * sharded table {@code orders}, writes, reads by shard key and across shards, runs transactions and hits errors,
 * asserting the real results. Subclasses start the proxy and say on which port it listens.
 */
abstract class ProxyClientScenarios {
    static final String CREATE_ORDERS = "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
            + "amount DECIMAL(10,2) NOT NULL, status VARCHAR(20), created_at DATETIME NULL)";

    abstract int port();

    Connection connect(Client client) throws SQLException {
        return client.connect(port());
    }

    /** Recreates {@code orders} with 20 rows: ids 1..20, customer_id = id % 7, amount = id * 1.25. */
    void freshOrders(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS orders");
            s.executeUpdate(CREATE_ORDERS);
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO orders (id, customer_id, amount, status, created_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= 20; id++) {
                insert.setLong(1, id);
                insert.setLong(2, id % 7);
                insert.setBigDecimal(3, new BigDecimal(id).multiply(new BigDecimal("1.25")));
                insert.setString(4, id % 2 == 0 ? "paid" : "new");
                if (id % 5 == 0) {
                    insert.setNull(5, Types.TIMESTAMP);
                } else {
                    insert.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2024, 1, id, 12, 30, 15)));
                }
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void pointAndScatterReads(Client client) throws SQLException {
        try (Connection c = connect(client)) {
            freshOrders(c);
            try (PreparedStatement point = c.prepareStatement(
                    "SELECT id, amount, status, created_at FROM orders WHERE customer_id = ? ORDER BY id")) {
                point.setLong(1, 3);
                assertThat(rows(point.executeQuery())).containsExactly(
                        List.of(3L, new BigDecimal("3.75"), "new", LocalDateTime.of(2024, 1, 3, 12, 30, 15)),
                        List.of(10L, new BigDecimal("12.50"), "paid", "NULL"),
                        List.of(17L, new BigDecimal("21.25"), "new", LocalDateTime.of(2024, 1, 17, 12, 30, 15)));
            }
            try (PreparedStatement top = c.prepareStatement(
                    "SELECT id, customer_id FROM orders WHERE status = ? ORDER BY amount DESC LIMIT ?, ?")) {
                top.setString(1, "paid");
                top.setInt(2, 1);
                top.setInt(3, 3);
                assertThat(rows(top.executeQuery())).containsExactly(
                        List.of(18L, 4L), List.of(16L, 2L), List.of(14L, 0L));
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(amount), MIN(id), MAX(created_at) FROM orders")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(20);
                assertThat(r.getBigDecimal(2)).isEqualByComparingTo("262.50");
                assertThat(r.getLong(3)).isEqualTo(1);
                assertThat(r.getTimestamp(4).toLocalDateTime()).isEqualTo(LocalDateTime.of(2024, 1, 19, 12, 30, 15));
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id FROM orders ORDER BY created_at, id LIMIT 5")) {
                // NULLs first, as MySQL orders them, merged across shards
                assertThat(rows(r)).extracting(row -> row.get(0)).containsExactly(5L, 10L, 15L, 20L, 1L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void updatesAndDeletesReportAffectedRows(Client client) throws SQLException {
        try (Connection c = connect(client)) {
            freshOrders(c);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE orders SET status = ? WHERE customer_id IN (?, ?)")) {
                update.setString(1, "shipped");
                update.setLong(2, 1);
                update.setLong(3, 2);
                assertThat(update.executeUpdate()).isEqualTo(6); // ids 1, 8, 15, 2, 9, 16
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE orders SET amount = amount + 1 WHERE id = 20")).isEqualTo(1);
                assertThat(s.executeUpdate("DELETE FROM orders WHERE status = 'new'")).isEqualTo(7);
                assertThat(single(s, "SELECT COUNT(*) FROM orders WHERE status = 'shipped'")).isEqualTo(6L);
                assertThat(single(s, "SELECT COUNT(*) FROM orders")).isEqualTo(13L);
                assertThat(single(s, "SELECT amount FROM orders WHERE customer_id = 6 AND id = 20"))
                        .isEqualTo(new BigDecimal("26.00"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void transactionsCommitAndRollBackOnEveryShard(Client client) throws SQLException {
        try (Connection c = connect(client); Connection other = connect(client)) {
            freshOrders(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO orders (id, customer_id, amount) VALUES (100, 1, 1), (101, 2, 2), "
                        + "(102, 3, 3), (103, 4, 4)");
                assertThat(single(s, "SELECT COUNT(*) FROM orders")).isEqualTo(24L);
                c.rollback();
                assertThat(single(s, "SELECT COUNT(*) FROM orders")).isEqualTo(20L);
                s.executeUpdate("DELETE FROM orders WHERE id <= 4");
                try (Statement o = other.createStatement()) {
                    assertThat(single(o, "SELECT COUNT(*) FROM orders")).isEqualTo(20L); // not committed yet
                }
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement o = other.createStatement()) {
                assertThat(single(o, "SELECT COUNT(*) FROM orders")).isEqualTo(16L);
                o.execute("BEGIN");
                o.executeUpdate("UPDATE orders SET status = 'x'");
                o.execute("ROLLBACK");
                assertThat(single(o, "SELECT COUNT(*) FROM orders WHERE status = 'x'")).isEqualTo(0L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void errorsCarryMysqlCodesAndTheConnectionStaysUsable(Client client) throws SQLException {
        try (Connection c = connect(client)) {
            freshOrders(c);
            try (Statement s = c.createStatement()) {
                assertError(() -> s.executeUpdate("INSERT INTO orders (id, customer_id, amount) VALUES (3, 3, 1)"),
                        1062, "23000", "");
                assertError(() -> s.executeUpdate("UPDATE orders SET customer_id = 5 WHERE id = 1"),
                        1235, "42000", "shard key");
                assertError(() -> s.executeQuery("SELECT id FROM orders WHERE customer_id = 1 FORM x"),
                        1064, "42000", "");
                assertError(() -> s.executeQuery("SELECT * FROM no_such_table"), 1146, "42S02", "");
                assertError(() -> s.executeQuery("SELECT GROUP_CONCAT(status) FROM orders"), 1235, "42000",
                        "GROUP_CONCAT");
                assertThat(single(s, "SELECT COUNT(*) FROM orders")).isEqualTo(20L);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)")) {
                p.setLong(1, 1);
                p.setLong(2, 1);
                p.setBigDecimal(3, BigDecimal.ONE);
                assertError(p::executeUpdate, 1062, "23000", "");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void sessionStatementsAreAnsweredLikeMysql(Client client) throws SQLException {
        try (Connection c = connect(client); Statement s = c.createStatement()) {
            freshOrders(c);
            assertThat(single(s, "SELECT @@version_comment LIMIT 1")).isEqualTo("Shardgate proxy");
            assertThat(single(s, "SELECT DATABASE()")).isEqualTo("shardgate");
            assertThat(single(s, "SELECT @@session.auto_increment_increment AS inc")).isEqualTo(1L);
            assertThat(column(s, "SHOW TABLES")).contains("orders", "customers");
            assertThat(column(s, "SHOW DATABASES")).containsExactly("shardgate");
            assertThat(column(s, "SHOW VARIABLES LIKE 'max_allowed_packet'")).containsExactly("max_allowed_packet");
            s.execute("SET NAMES utf8mb4");
            s.execute("USE shardgate");
            c.setCatalog("shardgate");
            assertThat(rows(s.executeQuery("SHOW WARNINGS"))).isEmpty();
            assertError(() -> s.execute("USE elsewhere"), 1049, "42000", "elsewhere");
            assertError(() -> s.execute("SET SESSION sql_mode = 'ANSI'"), 1235, "42000", "sql_mode");
            assertThat(c.getMetaData().getDatabaseProductVersion()).contains("shardgate");
            s.executeUpdate("INSERT INTO orders (id, customer_id, amount, status) VALUES (50, 1, 1, 'grüße ✓')");
            assertThat(single(s, "SELECT status FROM orders WHERE customer_id = 1 AND id = 50")).isEqualTo("grüße ✓");
            assertThat(s.execute("PREVIEW SELECT * FROM orders WHERE customer_id = 1")).isTrue();
            assertThat(rows(s.getResultSet())).singleElement()
                    .satisfies(row -> assertThat(row.get(0)).isIn("ds0", "ds1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void valuesOfCommonTypesRoundTrip(Client client) throws SQLException {
        try (Connection c = connect(client)) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS customers");
                s.executeUpdate("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100), country CHAR(2), "
                        + "score DOUBLE, balance DECIMAL(12,3), visits INT, small SMALLINT, tiny TINYINT, "
                        + "active BOOLEAN, born DATE, seen DATETIME(3), wake TIME, photo VARBINARY(64), note TEXT)");
            }
            byte[] photo = {0, 1, 2, (byte) 0xFF, (byte) 0xFB, 0x7F};
            Timestamp seen = Timestamp.valueOf("2024-02-29 23:59:58.123");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO customers (id, name, country, score, "
                    + "balance, visits, small, tiny, active, born, seen, wake, photo, note) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, 7);
                insert.setString(2, "Zoë 'quoted' \\ \"x\"");
                insert.setString(3, "NL");
                insert.setDouble(4, -1234.5);
                insert.setBigDecimal(5, new BigDecimal("-98765.432"));
                insert.setInt(6, Integer.MIN_VALUE);
                insert.setShort(7, (short) -32768);
                insert.setByte(8, (byte) -128);
                insert.setBoolean(9, true);
                insert.setDate(10, java.sql.Date.valueOf("1999-12-31"));
                insert.setTimestamp(11, seen);
                insert.setTime(12, java.sql.Time.valueOf("13:45:30"));
                insert.setBytes(13, photo);
                insert.setString(14, "long text ".repeat(1000));
                assertThat(insert.executeUpdate()).isEqualTo(1);
                insert.setLong(1, 8);
                for (int i = 2; i <= 14; i++) {
                    insert.setNull(i, Types.NULL);
                }
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM customers WHERE id = ?")) {
                select.setLong(1, 7);
                try (ResultSet r = select.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString("name")).isEqualTo("Zoë 'quoted' \\ \"x\"");
                    assertThat(r.getString("country")).isEqualTo("NL");
                    assertThat(r.getDouble("score")).isEqualTo(-1234.5);
                    assertThat(r.getBigDecimal("balance")).isEqualByComparingTo("-98765.432");
                    assertThat(r.getInt("visits")).isEqualTo(Integer.MIN_VALUE);
                    assertThat(r.getShort("small")).isEqualTo((short) -32768);
                    assertThat(r.getByte("tiny")).isEqualTo((byte) -128);
                    assertThat(r.getBoolean("active")).isTrue();
                    assertThat(r.getDate("born")).isEqualTo(java.sql.Date.valueOf("1999-12-31"));
                    assertThat(r.getTimestamp("seen")).isEqualTo(seen);
                    assertThat(r.getTime("wake")).isEqualTo(java.sql.Time.valueOf("13:45:30"));
                    assertThat(r.getBytes("photo")).isEqualTo(photo);
                    assertThat(r.getString("note")).hasSize(10_000).startsWith("long text long");
                }
                select.setLong(1, 8);
                try (ResultSet r = select.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    for (int i = 2; i <= 14; i++) {
                        assertThat(r.getObject(i)).as("column " + i).isNull();
                    }
                }
            }
        }
    }

    /** Over 16 MB each way: the client splits its packet and the proxy joins it, then splits the result row. */
    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"MYSQL_SERVER_PREPARED", "MARIADB"})
    void valuesBeyondOnePacketAreSplitAndJoined(Client client) throws SQLException {
        String big = "0123456789abcdef".repeat(17 * 1024 * 1024 / 16 + 3);
        try (Connection c = connect(client)) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS customers");
                s.executeUpdate("CREATE TABLE customers (id BIGINT PRIMARY KEY, note LONGTEXT)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO customers (id, note) VALUES (?, ?)")) {
                insert.setLong(1, 1);
                insert.setString(2, big);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT note, LENGTH(note) FROM customers WHERE id = 1")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(big);
                assertThat(r.getLong(2)).isEqualTo(big.length());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void autoIncrementKeysReachTheClient(Client client) throws SQLException {
        try (Connection c = connect(client); Statement s = c.createStatement()) {
            freshOrders(c);
            s.executeUpdate("DROP TABLE IF EXISTS notes"); // no rule names it: it lives on the default data source
            s.executeUpdate("CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(20))");
            assertThat(s.executeUpdate("INSERT INTO notes (body) VALUES ('a')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(1);
            assertThat(column(s.getGeneratedKeys())).containsExactly(1L);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO notes (body) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, "b");
                assertThat(p.executeUpdate()).isEqualTo(1);
                assertThat(column(p.getGeneratedKeys())).containsExactly(2L);
            }
            assertThat(single(s, "SELECT LAST_INSERT_ID()")).isEqualTo(2L);
            // spread over shards, so no keys are asked for: the insert still runs
            assertThat(s.executeUpdate("INSERT INTO orders (id, customer_id, amount) VALUES (78, 1, 1), (79, 2, 1), "
                    + "(80, 3, 1)", Statement.RETURN_GENERATED_KEYS)).isEqualTo(3);
        }
    }

    static void assertError(ThrowingAction action, int code, String sqlState, String messagePart) {
        assertThatThrownBy(action::run)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getErrorCode()).as("error code of " + e).isEqualTo(code);
                    assertThat(((SQLException) e).getSQLState()).as("SQLSTATE of " + e).isEqualTo(sqlState);
                });
    }

    interface ThrowingAction {
        void run() throws Exception;
    }

    /** Rows as lists: integers as Long, decimals as BigDecimal, date-times as LocalDateTime, NULL as "NULL". */
    static List<List<Object>> rows(ResultSet r) throws SQLException {
        try (r) {
            List<List<Object>> out = new ArrayList<>();
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(normalize(r.getObject(i)));
                }
                out.add(row);
            }
            return out;
        }
    }

    private static Object normalize(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof java.math.BigInteger) {
            return ((Number) v).longValue();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        return v;
    }

    static Object single(Statement s, String sql) throws SQLException {
        List<List<Object>> rows = rows(s.executeQuery(sql));
        assertThat(rows).as(sql).hasSize(1);
        assertThat(rows.get(0)).as(sql).isNotEmpty();
        return rows.get(0).get(0);
    }

    static List<Object> column(Statement s, String sql) throws SQLException {
        return column(s.executeQuery(sql));
    }

    static List<Object> column(ResultSet r) throws SQLException {
        return rows(r).stream().map(row -> row.get(0)).toList();
    }
}
