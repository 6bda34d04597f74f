package io.shardgate.proxy.session;

import io.shardgate.engine.QueryResult;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.engine.StatementResult;
import io.shardgate.execute.ColumnInfo;
import io.shardgate.proxy.H2Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStatementsTest {
    static ShardgateEngine engine;
    ClientSession session;

    @BeforeAll
    static void engine() throws SQLException {
        engine = H2Engines.withOrders();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void session() {
        ProxyContext context = ProxyContext.of(engine, "shardgate", ProxyContext.DEFAULT_VERSION, 1 << 20,
                Duration.ofHours(8));
        session = new ClientSession(context, 42, "root", "127.0.0.1", null);
    }

    @AfterEach
    void closeSession() throws SQLException {
        session.close();
    }

    private Optional<StatementResult> run(String sql) throws SQLException {
        return LocalStatements.tryRun(sql, session);
    }

    /** Labels first, then each row; values as their strings. */
    private List<List<String>> table(String sql) throws SQLException {
        Optional<StatementResult> result = run(sql);
        assertThat(result).as(sql).isPresent();
        try (QueryResult q = (QueryResult) result.get()) {
            List<List<String>> out = new ArrayList<>();
            out.add(q.columns().stream().map(ColumnInfo::label).toList());
            while (q.rows().next()) {
                out.add(Arrays.stream(q.rows().copyRow()).map(String::valueOf).toList());
            }
            return out;
        }
    }

    private static void assertRefused(ThrowingRun run, int code, String messagePart) {
        assertThatThrownBy(run::run).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(code)).hasMessageContaining(messagePart);
    }

    interface ThrowingRun {
        void run() throws SQLException;
    }

    @Test
    void variablesAndSessionFunctions() throws SQLException {
        assertThat(table("select @@version_comment limit 1;"))
                .containsExactly(List.of("@@version_comment"), List.of("Shardgate proxy"));
        assertThat(table("SELECT @@version_comment LIMIT 0")).hasSize(1);
        assertThat(table("SELECT DATABASE(), USER(), CONNECTION_ID() AS id, @@session.autocommit"))
                .containsExactly(List.of("DATABASE()", "USER()", "id", "@@session.autocommit"),
                        List.of("shardgate", "root@127.0.0.1", "42", "1"));
        String connectorJ = "/* mysql-connector-j-8.4.0 (Revision: 1c3f5c149e0bfe31c7fbeb24e2d260cd890972c4) */"
                + "SELECT  @@session.auto_increment_increment AS auto_increment_increment, "
                + "@@character_set_client AS character_set_client, @@license AS license, "
                + "@@max_allowed_packet AS max_allowed_packet, @@performance_schema AS performance_schema, "
                + "@@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, @@time_zone AS time_zone, "
                + "@@transaction_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout";
        List<List<String>> connect = table(connectorJ);
        assertThat(connect.get(0)).startsWith("auto_increment_increment", "character_set_client");
        assertThat(connect.get(1)).startsWith("1", "utf8mb4", "GPL", "1048576", "0");
        assertThat(connect.get(1)).endsWith("SYSTEM", "REPEATABLE-READ", "28800");
        assertThat(table("SELECT @@sql_mode").get(1).get(0)).contains("NO_BACKSLASH_ESCAPES"); // H2 shards
    }

    @Test
    void anythingElseIsLeftToTheEngine() throws SQLException {
        assertThat(run("SELECT 1")).isEmpty();
        assertThat(run("SELECT @@innodb_buffer_pool_size")).isEmpty();
        assertThat(run("SELECT @@version, id FROM orders")).isEmpty();
        assertThat(run("SELECT @@x + 1")).isEmpty();
        assertThat(run("SHOW CREATE TABLE orders")).isEmpty();
        assertThat(run("SHOW TABLES FROM other")).isEmpty();
        assertThat(run("INSERT INTO orders (id) VALUES (1)")).isEmpty();
        assertThat(run("SELECT 'unterminated")).isEmpty();
        assertThat(run("   ")).isEmpty();
    }

    @Test
    void setAppliesEveryAssignmentOrNone() throws SQLException {
        run("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
        assertThat(table("SELECT @@collation_connection").get(1)).containsExactly("utf8mb4_unicode_ci");
        run("SET autocommit = 0, @@session.wait_timeout = 60");
        assertThat(session.engine().autoCommit()).isFalse();
        assertThat(session.idleTimeoutMillis()).isEqualTo(60_000);
        assertRefused(() -> run("SET wait_timeout = 5, autocommit = 'maybe'"), 1231, "'maybe'");
        assertThat(session.idleTimeoutMillis()).isEqualTo(60_000);
        run("SET SESSION autocommit = ON");
        assertThat(session.engine().autoCommit()).isTrue();
        run("SET character_set_results = NULL");
        run("SET sql_mode = concat(@@sql_mode, ',STRICT_TRANS_TABLES')");
        run("SET time_zone = 'SYSTEM', transaction_isolation = 'REPEATABLE-READ'");
        run("SET wait_timeout = DEFAULT");
        assertThat(session.idleTimeoutMillis()).isEqualTo(Duration.ofHours(8).toMillis());
    }

    @Test
    void setRefusesWhatTheShardsWouldNotSee() {
        assertRefused(() -> run("SET NAMES latin1"), 1235, "UTF-8");
        assertRefused(() -> run("SET sql_mode = 'ANSI'"), 1235, "sql_mode");
        assertRefused(() -> run("SET GLOBAL wait_timeout = 1"), 1235, "SET GLOBAL");
        assertRefused(() -> run("SET @x = 1"), 1235, "user variables");
        assertRefused(() -> run("SET nosuch = 1"), 1193, "nosuch");
        assertRefused(() -> run("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"), 1235, "SET TRANSACTION");
        assertRefused(() -> run("SET time_zone = 'Pacific/Kiritimati'"), 1235, "time_zone");
        assertRefused(() -> run("SET wait_timeout = 'soon'"), 1231, "soon");
        assertRefused(() -> run("SET autocommit"), 1064, "syntax");
    }

    @Test
    void showAndUse() throws SQLException {
        assertThat(table("SHOW VARIABLES LIKE 'character\\_set\\_c%'")).containsExactly(
                List.of("Variable_name", "Value"), List.of("character_set_client", "utf8mb4"),
                List.of("character_set_connection", "utf8mb4"));
        assertThat(table("SHOW SESSION VARIABLES WHERE Variable_name = 'autocommit' OR Variable_name = 'wait_timeout'"))
                .containsExactly(List.of("Variable_name", "Value"), List.of("autocommit", "ON"),
                        List.of("wait_timeout", "28800"));
        assertThat(table("SHOW WARNINGS")).containsExactly(List.of("Level", "Code", "Message"));
        assertThat(table("SHOW DATABASES")).containsExactly(List.of("Database"), List.of("shardgate"));
        assertThat(table("SHOW FULL TABLES")).containsExactly(List.of("Tables_in_shardgate", "Table_type"),
                List.of("countries", "BASE TABLE"), List.of("orders", "BASE TABLE"));
        assertThat(table("SHOW TABLES FROM `shardgate` LIKE 'ord%'"))
                .containsExactly(List.of("Tables_in_shardgate"), List.of("orders"));
        run("USE `shardgate`");
        assertRefused(() -> run("USE other"), 1049, "Unknown database 'other'");
    }

    @Test
    void describeShowsTheColumnsOfALogicalTableFromItsFirstNode() throws SQLException {
        List<List<String>> described = table("DESCRIBE orders");
        assertThat(described.get(0)).containsExactly("Field", "Type", "Null", "Key", "Default", "Extra");
        assertThat(described.subList(1, described.size())).extracting(row -> row.get(0))
                .containsExactly("id", "customer_id", "amount", "note");
        assertThat(table("DESC `shardgate`.orders;")).isEqualTo(described);
        assertThat(table("SHOW COLUMNS FROM orders FROM shardgate LIKE 'customer%'"))
                .extracting(row -> row.get(0)).containsExactly("Field", "customer_id");
        assertThat(table("SHOW FIELDS IN shardgate.orders")).isEqualTo(described);
    }

    @Test
    void describeOfAMissingTableNamesTheLogicalTable() {
        assertRefused(() -> run("DESCRIBE countries"), 1146, "Table 'shardgate.countries' doesn't exist");
        assertRefused(() -> run("DESCRIBE nowhere"), 1146, "Table 'shardgate.nowhere' doesn't exist");
    }

    @Test
    void otherDescribeFormsAreLeftToTheEngine() throws SQLException {
        assertThat(run("DESCRIBE other.orders")).isEmpty();
        assertThat(run("DESCRIBE orders id")).isEmpty();
        assertThat(run("DESC SELECT * FROM orders")).isEmpty();
        assertThat(run("SHOW FULL COLUMNS FROM orders")).isEmpty();
        assertThat(run("SHOW COLUMNS FROM orders WHERE Field = 'id'")).isEmpty();
        assertThat(run("SHOW COLUMNS FROM orders FROM other")).isEmpty();
    }
}
