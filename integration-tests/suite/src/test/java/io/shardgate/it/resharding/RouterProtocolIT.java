package io.shardgate.it.resharding;

import io.shardgate.config.ConfigLoader;
import io.shardgate.engine.rules.RouterTimings;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterRegistration;
import io.shardgate.reshard.meta.RouterSwitches;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.SwitchAck;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router side of the protocol, with the switch phases written straight into the metadata store: the driver
 * registers with the published version, loads the next one when asked, holds new writes to the moving table (and
 * only those) while a transaction that already wrote finishes, acknowledges, and releases onto the old rules when
 * the switch aborts or onto the new ones when they are published. A router that starts during a hold holds too.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RouterProtocolIT {
    private static MariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = new MariaDbServer("router-protocol").start();
        for (String db : List.of("s0", "s1", "meta")) {
            server.createDatabase(db);
        }
        for (String db : List.of("s0", "s1")) {
            for (String table : List.of("orders", "orders_2")) {
                server.execute(db, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL)");
            }
        }
        server.execute("s0", "CREATE TABLE notes (id BIGINT PRIMARY KEY, text VARCHAR(100))");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String rules(String nodes) {
        return """
                dataSources:
                  ds0: { primary: { url: "%s", user: root } }
                  ds1: { primary: { url: "%s", user: root } }
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: %s }
                props:
                  metadataStore: { url: "%s", user: root }
                """.formatted(server.jdbcUrl("s0"), server.jdbcUrl("s1"), nodes, server.jdbcUrl("meta"));
    }

    @Test
    void aRouterHoldsWritesToTheMovingTableUntilTheSwitchEnds() throws Exception {
        String current = rules("[ds0.orders, ds1.orders]");
        try (MetadataStore store = MetadataStore.open(server.jdbcUrl("meta") + "?user=root", null, null);
             ShardgateDataSource app = new ShardgateDataSource(ConfigLoader.load(current, "app.yaml"))) {
            store.createWorkflow("w", current, rules("[ds0.orders_2, ds1.orders_2]"), List.of("orders"));
            store.beginCopy("w", Map.of(), List.of());
            store.transition("w", WorkflowState.COPYING, WorkflowState.STREAMING, "test");
            RouterSwitches switches = store.routerSwitches();
            assertThat(app.engine().rulesVersion()).as("a router that starts late serves the published version")
                    .isEqualTo(1);
            assertThat(switches.liveRouters(RouterTimings.LEASE)).singleElement().satisfies(router -> {
                assertThat(router.kind()).isEqualTo("driver");
                assertThat(router.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(router.rulesVersion()).isEqualTo(1);
            });
            String routerId = switches.routers().get(0).routerId();

            int first = switches.beginSwitch("w", "cutover", List.of("orders"), 1, 2, WorkflowState.STREAMING,
                    WorkflowState.CUTTING_OVER);
            awaitAck(switches, first, a -> a.preparedAt() != null && a.error() == null);
            try (Connection inFlight = app.getConnection()) {
                inFlight.setAutoCommit(false);
                execute(inFlight, "INSERT INTO orders (id, user_id) VALUES (1, 10)");
                switches.holdSwitch("w", first);
                Thread.sleep(300);
                assertThat(ack(switches, first).heldAt()).as("not while a transaction that wrote is open").isNull();
                execute(inFlight, "INSERT INTO orders (id, user_id) VALUES (2, 20)");
                inFlight.commit();
            }
            awaitAck(switches, first, a -> a.heldAt() != null);

            CompletableFuture<Void> held = write(app, "INSERT INTO orders (id, user_id) VALUES (3, 30)");
            try (ShardgateDataSource late = new ShardgateDataSource(ConfigLoader.load(current, "late.yaml"))) {
                CompletableFuture<Void> heldToo = write(late, "INSERT INTO orders (id, user_id) VALUES (4, 40)");
                try (Connection other = app.getConnection()) {
                    execute(other, "INSERT INTO notes (id, text) VALUES (1, 'other tables are not held')");
                    assertThat(count(other, "orders")).as("reads are not held").isEqualTo(2);
                }
                Thread.sleep(300);
                assertThat(held).isNotDone();
                assertThat(heldToo).as("a router that joined during the hold").isNotDone();
                switches.abortSwitch("w", first, "test abort", WorkflowState.CUTTING_OVER,
                        WorkflowState.STREAMING);
                held.get(5, TimeUnit.SECONDS);
                heldToo.get(5, TimeUnit.SECONDS);
            }
            assertThat(countOnShards("orders")).as("released onto the old rules").isEqualTo(4);

            int second = switches.beginSwitch("w", "cutover", List.of("orders"), 1, 2, WorkflowState.STREAMING,
                    WorkflowState.CUTTING_OVER);
            awaitAck(switches, second, a -> a.preparedAt() != null);
            switches.holdSwitch("w", second);
            awaitAck(switches, second, a -> a.heldAt() != null);
            CompletableFuture<Void> released = write(app, "INSERT INTO orders (id, user_id) VALUES (5, 50)");
            Thread.sleep(100);
            assertThat(released).isNotDone();
            switches.publishSwitch("w", second, 2, WorkflowState.CUTTING_OVER, WorkflowState.CUT_OVER,
                    "test publish", StreamDirection.REVERSE, Map.of());
            released.get(5, TimeUnit.SECONDS);
            assertThat(countOnShards("orders_2")).as("released onto the published rules").isEqualTo(1);
            assertThat(app.engine().rulesVersion()).isEqualTo(2);
            SwitchAck reported = awaitAck(switches, second, a -> a.holdMillis() != null);
            assertThat(reported.routerId()).isEqualTo(routerId);
            assertThat(reported.holdMillis()).isGreaterThanOrEqualTo(100);
        }
        try (MetadataStore store = MetadataStore.open(server.jdbcUrl("meta") + "?user=root", null, null)) {
            assertThat(store.routerSwitches().routers()).extracting(RouterRegistration::routerId)
                    .as("a closed engine leaves the protocol").isEmpty();
        }
    }

    private static CompletableFuture<Void> write(ShardgateDataSource dataSource, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Connection connection = dataSource.getConnection()) {
                execute(connection, sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static SwitchAck ack(RouterSwitches switches, int attempt) throws SQLException {
        return switches.switchAcks("w", attempt).stream().findFirst().orElseThrow();
    }

    private static SwitchAck awaitAck(RouterSwitches switches, int attempt, Predicate<SwitchAck> answered)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<SwitchAck> acks = switches.switchAcks("w", attempt);
            if (!acks.isEmpty() && acks.stream().allMatch(answered)) {
                return acks.get(0);
            }
            assertThat(System.nanoTime()).as("acknowledged: " + acks).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long countOnShards(String table) throws SQLException {
        long total = 0;
        for (String db : List.of("s0", "s1")) {
            try (Connection connection = server.connection(db)) {
                total += count(connection, table);
            }
        }
        return total;
    }
}
