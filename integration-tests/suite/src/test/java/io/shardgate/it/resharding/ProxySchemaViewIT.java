package io.shardgate.it.resharding;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterSwitches;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.SwitchAck;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema a proxy shows its clients follows the rules version it serves: after a cutover (written straight
 * into the metadata store) that moves {@code orders} to new physical tables with another column and adds a table
 * on a new data source, {@code SHOW TABLES} and {@code DESCRIBE} on a connection opened before the switch answer
 * from the published rules.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProxySchemaViewIT {

    @TempDir
    Path dir;

    @Test
    void showTablesAndDescribeFollowTheRulesThePublishedVersionServes() throws Exception {
        try (MariaDbServer server = new MariaDbServer("proxy-schema-view").start()) {
            for (String db : List.of("s0", "s1", "s2", "meta")) {
                server.createDatabase(db);
            }
            for (String db : List.of("s0", "s1")) {
                server.execute(db, "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL)");
                server.execute(db, "CREATE TABLE orders_2 (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, "
                        + "note VARCHAR(40) NULL)");
            }
            server.execute("s2", "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL)");
            String current = rules(server, "", "orders: { shardKey: user_id, algorithm: hash, "
                    + "nodes: [ds0.orders, ds1.orders] }");
            String target = rules(server, "  ds2: { primary: { url: \"" + server.jdbcUrl("s2") + "\", user: root } }\n",
                    "orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders_2, ds1.orders_2] }\n"
                            + "  customers: { shardKey: id, algorithm: hash, nodes: [ds2.customers] }");
            Path config = dir.resolve("proxy.yaml");
            Files.writeString(config, current);

            try (MetadataStore store = MetadataStore.open(server.jdbcUrl("meta") + "?user=root", null, null)) {
                store.createWorkflow("w", current, target, List.of("orders"));
                store.beginCopy("w", Map.of(), List.of());
                store.transition("w", WorkflowState.COPYING, WorkflowState.STREAMING, "test");
                try (Proxy proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--schema", "shop", "--config",
                        config.toString()));
                     Connection client = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port()
                             + "/shop?user=root&password=&sslMode=DISABLED")) {
                    assertThat(proxy.engine().rulesVersion()).isEqualTo(1);
                    assertThat(column(client, "SHOW TABLES")).containsExactly("orders");
                    assertThat(column(client, "DESCRIBE orders")).containsExactly("id", "user_id");
                    assertThatThrownBy(() -> column(client, "DESCRIBE customers")).isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1146))
                            .hasMessageContaining("Table 'shop.customers' doesn't exist");

                    cutOver(store);
                    awaitVersion(proxy, 2);

                    assertThat(column(client, "SHOW TABLES")).containsExactly("customers", "orders");
                    assertThat(column(client, "DESCRIBE orders")).as("the columns of ds0.orders_2")
                            .containsExactly("id", "user_id", "note");
                    assertThat(column(client, "SHOW COLUMNS FROM customers")).containsExactly("id", "name");
                    execute(client, "INSERT INTO customers (id, name) VALUES (7, 'on the new data source')");
                    assertThat(column(client, "SELECT name FROM customers WHERE id = 7"))
                            .containsExactly("on the new data source");
                }
            }
        }
    }

    private static String rules(MariaDbServer server, String extraDataSource, String tables) {
        return """
                dataSources:
                  ds0: { primary: { url: "%s", user: root } }
                  ds1: { primary: { url: "%s", user: root } }
                %stables:
                  %s
                props:
                  metadataStore: { url: "%s", user: root }
                """.formatted(server.jdbcUrl("s0"), server.jdbcUrl("s1"), extraDataSource, tables,
                server.jdbcUrl("meta"));
    }

    /** The tool's side of a cutover of {@code orders} from v1 to v2: prepare, hold, publish. */
    private static void cutOver(MetadataStore store) throws Exception {
        RouterSwitches switches = store.routerSwitches();
        int attempt = switches.beginSwitch("w", "cutover", List.of("orders"), 1, 2, WorkflowState.STREAMING,
                WorkflowState.CUTTING_OVER);
        awaitAcks(switches, attempt, a -> a.preparedAt() != null);
        assertThat(switches.switchAcks("w", attempt)).allSatisfy(a -> assertThat(a.error()).isNull());
        switches.holdSwitch("w", attempt);
        awaitAcks(switches, attempt, a -> a.heldAt() != null);
        switches.publishSwitch("w", attempt, 2, WorkflowState.CUTTING_OVER, WorkflowState.CUT_OVER, "test publish",
                StreamDirection.REVERSE, Map.of());
    }

    private static void awaitAcks(RouterSwitches switches, int attempt, Predicate<SwitchAck> answered)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<SwitchAck> acks = switches.switchAcks("w", attempt);
        while (acks.isEmpty() || !acks.stream().allMatch(answered)) {
            assertThat(System.nanoTime()).as("the proxy answered: " + acks).isLessThan(deadline);
            Thread.sleep(10);
            acks = switches.switchAcks("w", attempt);
        }
    }

    private static void awaitVersion(Proxy proxy, long version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.engine().rulesVersion() != version) {
            assertThat(System.nanoTime()).as("the proxy serves rules v" + version).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The first column of every row. */
    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
