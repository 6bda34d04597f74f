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

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.shardgate.proxy.it.ProxyClientScenarios.assertError;
import static io.shardgate.proxy.it.ProxyClientScenarios.rows;
import static io.shardgate.proxy.it.ProxyClientScenarios.single;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several statements in one query through the proxy, as JDBC drivers send them with allowMultiQueries=true, over
 * two shards (two databases of one MariaDB server): every result in order, the first error ends the query, and
 * without multi-statements the text is a syntax error.
 */
class MultiStatementIT {
    @TempDir
    static Path configDir;
    static MariaDbServer mariadb;
    static Proxy proxy;

    enum Driver {
        CONNECTOR_J("jdbc:mysql://127.0.0.1:%d/shardgate?user=root&password=&sslMode=DISABLED"),
        MARIADB("jdbc:mariadb://127.0.0.1:%d/shardgate?user=root&password=");

        private final String urlPattern;

        Driver(String urlPattern) {
            this.urlPattern = urlPattern;
        }

        Connection connect(String options) throws SQLException {
            return DriverManager.getConnection(urlPattern.formatted(proxy.port()) + options);
        }

        Connection multiQueries() throws SQLException {
            return connect("&allowMultiQueries=true");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        mariadb = new MariaDbServer("multistmt").start();
        mariadb.createDatabase("shard0");
        mariadb.createDatabase("shard1");
        Path config = configDir.resolve("shardgate.yaml");
        Files.writeString(config, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root, password: "" } }
                  ds1: { primary: { url: "%s", user: root, password: "" } }
                tables:
                  orders: { shardKey: customer_id, algorithm: hash, nodes: "ds${0..1}.orders_${0..1}" }
                """.formatted(mariadb.jdbcUrl("shard0"), mariadb.jdbcUrl("shard1")));
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--config", config.toString()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    /** Recreates {@code orders}, itself with one multi-statement query. */
    private static void freshOrders(Statement s) throws SQLException {
        s.execute("DROP TABLE IF EXISTS orders; CREATE TABLE orders (id BIGINT PRIMARY KEY, "
                + "customer_id BIGINT NOT NULL, amount DECIMAL(10,2) NOT NULL, status VARCHAR(20));");
        while (s.getMoreResults() || s.getUpdateCount() != -1) {
            // both answered with OK
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void insertSelectUpdateAnswerEachInOrder(Driver driver) throws SQLException {
        try (Connection c = driver.multiQueries(); Statement s = c.createStatement()) {
            freshOrders(s);
            boolean resultSet = s.execute("INSERT INTO orders (id, customer_id, amount) VALUES (1, 1, 10), (2, 2, 20),"
                    + " (3, 3, 30); SELECT id, amount FROM orders ORDER BY id;\n"
                    + "UPDATE orders SET amount = amount + 1 WHERE customer_id IN (1, 3) -- a comment; not a split\n;");
            assertThat(resultSet).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
            assertThat(s.getMoreResults()).isTrue();
            assertThat(rows(s.getResultSet())).containsExactly(List.of(1L, new BigDecimal("10.00")),
                    List.of(2L, new BigDecimal("20.00")), List.of(3L, new BigDecimal("30.00")));
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1); // the trailing semicolon added no result
            assertThat(single(s, "SELECT SUM(amount) FROM orders")).isEqualTo(new BigDecimal("62.00"));
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void anErrorEndsTheQueryAndLaterStatementsDoNotRun(Driver driver) throws SQLException {
        try (Connection c = driver.multiQueries(); Statement s = c.createStatement()) {
            freshOrders(s);
            s.executeUpdate("INSERT INTO orders (id, customer_id, amount, status) VALUES (1, 1, 10, 'new')");
            assertError(() -> {
                s.execute("UPDATE orders SET status = 'first' WHERE id = 1;"
                        + " INSERT INTO orders (id, customer_id, amount) VALUES (1, 1, 99);"
                        + " UPDATE orders SET status = 'third' WHERE id = 1");
                while (s.getMoreResults() || s.getUpdateCount() != -1) {
                    // reading on reaches the error, wherever the driver reports it
                }
            }, 1062, "23000", "Duplicate entry");
            assertThat(single(s, "SELECT status FROM orders WHERE id = 1")).isEqualTo("first");
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void transactionStatementsInsideTheQueryWorkAsIfSentOneByOne(Driver driver) throws SQLException {
        try (Connection c = driver.multiQueries(); Statement s = c.createStatement()) {
            freshOrders(s);
            s.execute("BEGIN; INSERT INTO orders (id, customer_id, amount) VALUES (5, 5, 1), (6, 6, 1); ROLLBACK;"
                    + " SELECT COUNT(*) FROM orders");
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getMoreResults()).isTrue();
            assertThat(rows(s.getResultSet())).containsExactly(List.of(0L));
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void withoutMultiQueriesSeveralStatementsAreASyntaxError(Driver driver) throws SQLException {
        try (Connection c = driver.connect(""); Statement s = c.createStatement()) {
            assertError(() -> s.execute("SELECT 1; SELECT 2"), 1064, "42000", "near 'SELECT 2'");
            assertThat(single(s, "SELECT 3;")).isEqualTo(3L); // one statement with its semicolon is fine
        }
    }

    /**
     * With rewriteBatchedStatements and without allowMultiQueries, Connector/J sends a batch of plain statements as
     * one multi-statement query between COM_SET_OPTION on and off.
     */
    @Test
    void connectorJTurnsMultiStatementsOnForARewrittenBatchAndOffAfterwards() throws SQLException {
        try (Connection c = Driver.CONNECTOR_J.connect("&rewriteBatchedStatements=true");
             Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS orders");
            s.executeUpdate("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
                    + "amount DECIMAL(10,2) NOT NULL, status VARCHAR(20))");
            for (int id = 1; id <= 6; id++) {
                s.addBatch("INSERT INTO orders (id, customer_id, amount) VALUES (" + id + ", " + id + ", 1)");
            }
            s.addBatch("UPDATE orders SET status = 'batched' WHERE customer_id IN (2, 4, 6)");
            assertThat(s.executeBatch()).containsExactly(1, 1, 1, 1, 1, 1, 3);
            assertThat(single(s, "SELECT COUNT(*) FROM orders WHERE status = 'batched'")).isEqualTo(3L);
            assertError(() -> s.execute("SELECT 1; SELECT 2"), 1064, "42000", "near 'SELECT 2'");
        }
    }
}
