package io.shardgate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.engine.H2Shards;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DataTruncation;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC facade through DriverManager, over H2 shards configured by a YAML file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardgateDriverTest {
    @TempDir
    static Path dir;
    private String url;

    @BeforeAll
    void writeConfig() throws Exception {
        Path config = dir.resolve("shardgate.yaml");
        Files.writeString(config, H2Shards.yaml("driver", 8));
        url = "jdbc:shardgate:" + config;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(H2Shards.CREATE_SCORES)).as("DDL count").isZero();
        }
    }

    @AfterAll
    void closeEngine() throws SQLException {
        ShardgateDriver.closeEngine(url);
    }

    @Test
    void driverIsFoundForItsUrlsOnly() throws SQLException {
        assertThat(DriverManager.getDriver(url)).isInstanceOf(ShardgateDriver.class);
        assertThat(new ShardgateDriver().acceptsURL("jdbc:h2:mem:x")).isFalse();
    }

    @Test
    void preparedStatementsBindEachSetterKindAndGettersConvert() throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO scores (id, user_id, name, score, amount) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, 1001);
            insert.setInt(2, 77);
            insert.setString(3, "zoë");
            insert.setNull(4, Types.INTEGER);
            insert.setBigDecimal(5, new BigDecimal("12.50"));
            assertThat(insert.executeUpdate()).isEqualTo(1);

            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, name, score, amount FROM scores WHERE user_id = ?")) {
                select.setObject(1, 77);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("id")).isEqualTo(1001);
                    assertThat(rs.getString("ID")).isEqualTo("1001");
                    assertThat(rs.getString("name")).isEqualTo("zoë");
                    assertThat(rs.getInt("score")).isZero();
                    assertThat(rs.wasNull()).isTrue();
                    assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("12.5");
                    assertThat(rs.getString(4)).isEqualTo("12.50");
                    assertThat(rs.getDouble(4)).isEqualTo(12.5);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void writesReportRowCountsAcrossShards() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO scores (id, user_id) VALUES (2001, 1), (2002, 2), (2003, 3), "
                    + "(2004, 4), (2005, 5)")).isEqualTo(5);
            assertThat(s.executeUpdate("UPDATE scores SET score = 9 WHERE id BETWEEN 2001 AND 2005")).isEqualTo(5);
            s.addBatch("DELETE FROM scores WHERE id = 2001");
            s.addBatch("DELETE FROM scores WHERE user_id IN (2, 3)");
            assertThat(s.executeBatch()).containsExactly(1, 2);
            assertThat(s.executeUpdate("DELETE FROM scores WHERE id >= 2001 AND id <= 2005")).isEqualTo(2);
        }
    }

    @Test
    void previewReturnsThePlannedUnitsAsRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PREVIEW SELECT COUNT(*) FROM scores")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("data_source");
            assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("sql");
            List<String> units = new ArrayList<>();
            while (rs.next()) {
                units.add(rs.getString("data_source") + " " + rs.getString("sql"));
            }
            assertThat(units).hasSize(4).anySatisfy(u -> assertThat(u).startsWith("ds1 ").contains("scores_1"));
        }
    }

    @Test
    void metadataShowsOnlyTheColumnsTheQueryAskedFor() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, AVG(score) AS mean FROM scores GROUP BY name ORDER BY name")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(meta.getColumnCount()).isEqualTo(2);
            assertThat(meta.getColumnLabel(2)).isEqualTo("mean");
            assertThatThrownBy(() -> rs.findColumn("count(score)")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void plannerErrorsBecomeTypedSqlExceptionsWithTheirMessage() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT id FROM scores WHERE"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42000"));
            assertThatThrownBy(() -> s.executeQuery("SELECT name FROM scores GROUP BY name HAVING COUNT(*) > 1"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("HAVING")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO scores (id, user_id) VALUES (1, NULL)"))
                    .isInstanceOf(SQLDataException.class)
                    .isNotInstanceOf(DataTruncation.class)
                    .hasMessageContaining("user_id");
            assertThatThrownBy(() -> s.executeQuery("SHOW TABLES"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("show");
        }
    }

    @Test
    void unsupportedJdbcMethodsNameThemselves() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM scores")) {
            assertThatThrownBy(() -> c.prepareCall("CALL x()"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("prepareCall");
            assertThatThrownBy(() -> rs.absolute(1))
                    .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("ResultSet.absolute");
            assertThatThrownBy(() -> rs.updateInt(1, 2))
                    .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("updateInt");
        }
    }

    @Test
    void classpathUrlLoadsTheConfigurationResource() throws SQLException {
        String classpathUrl = "jdbc:shardgate:classpath:shardgate-h2.yaml";
        try (Connection c = DriverManager.getConnection(classpathUrl); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(10))");
            s.executeUpdate("INSERT INTO items (id, label) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            try (ResultSet rs = s.executeQuery("SELECT label FROM items ORDER BY id DESC")) {
                List<String> labels = new ArrayList<>();
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
                assertThat(labels).containsExactly("three", "two", "one");
            }
            s.executeUpdate("DROP TABLE items");
        } finally {
            ShardgateDriver.closeEngine(classpathUrl);
        }
    }

    @Test
    void badConfigurationsFailTheConnectionNamingTheProblem() throws Exception {
        String valid = H2Shards.yaml("bad", 8);
        assertConnectFails(valid.replace("algorithm: hash", "algorithm: hsah"), "unknown algorithm 'hsah'");
        assertConnectFails(valid.replace("    shardKey: user_id\n", ""), "tables.scores.shardKey: missing");
        assertConnectFails(valid.replace("ds1.scores_1]", "ds2.scores_1]"), "names data source ds2");
        assertConnectFails(valid.replace(H2Shards.url("bad_ds1"), "jdbc:nosuchdb://localhost/x"),
                "cannot start the Shardgate engine: ds1.primary(jdbc:nosuchdb://localhost/x)");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardgate:" + dir.resolve("absent.yaml")))
                .isInstanceOf(SQLException.class).hasMessageContaining("file not found");
    }

    private void assertConnectFails(String yaml, String expectedMessage) throws Exception {
        Path config = Files.createTempFile(dir, "bad", ".yaml");
        Files.writeString(config, yaml);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardgate:" + config))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(expectedMessage);
    }
}
