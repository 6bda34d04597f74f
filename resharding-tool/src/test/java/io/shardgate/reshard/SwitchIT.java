package io.shardgate.reshard;

import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.WorkflowState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.shardgate.reshard.ReshardCluster.count;
import static io.shardgate.reshard.ReshardCluster.reshard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The switching commands against real MariaDB servers, without an application (the driver-based end-to-end test
 * lives in integration-tests): a cutover that a registered router never answers aborts and leaves the old tables
 * writable; without that router it fences the old tables, the reverse stream runs, and complete drops them; cancel
 * takes the workflow from a streaming start and drops only the tables the workflow created.
 */
class SwitchIT {
    private static final int ROWS = 5_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void cutoverAbortsOnASilentRouterThenFencesTheOldTablesAndCompleteDropsThem() throws Exception {
        ReshardCluster cluster = ReshardCluster.create("switch", dir);
        cluster.createOrders(ROWS);
        String meta = cluster.metaUrl();
        assertThat(reshard("plan", "--from", cluster.currentYaml.toString(), "--to", cluster.targetYaml.toString(),
                "--workflow", "split", "--meta", meta, "--no-estimates").code()).isZero();
        ReshardCluster.Result started = reshard("start", "--workflow", "split", "--meta", meta, "--until-caught-up");
        assertThat(started.code()).as(started.toString()).isZero();

        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            store.routerSwitches().registerRouter("stale-router", "driver", "app-7", 4711, 1);
            heartbeats.scheduleAtFixedRate(() -> {
                try {
                    store.routerSwitches().heartbeat("stale-router", 1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            ReshardCluster.Result aborted = reshard("cutover", "--workflow", "split", "--meta", meta,
                    "--timeout", "1s");
            assertThat(aborted.code()).as(aborted.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(aborted.err()).contains("cutover aborted, rules v1 stay in use",
                    "stale-router (driver on app-7, pid 4711) did not load rules within 1000 ms");
            assertThat(store.workflow("split").orElseThrow().state()).isEqualTo(WorkflowState.STREAMING);
            assertThat(store.currentVersion()).hasValue(1L);
            heartbeats.shutdownNow();
            assertThat(heartbeats.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            try (Connection meta2 = ReshardCluster.a().connection(cluster.prefix + "_meta");
                 Statement statement = meta2.createStatement()) {
                statement.execute("DELETE FROM sg_router WHERE router_id = 'stale-router'");
            }
        }
        try (Connection s0 = cluster.source(0); Statement statement = s0.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE orders SET note = 'after abort' WHERE id = 1 OR id = 2"))
                    .as("an aborted cutover leaves the old tables writable").isPositive();
        }

        ReshardCluster.Result cutover = reshard("cutover", "--workflow", "split", "--meta", meta);
        assertThat(cutover.code()).as(cutover.toString()).isZero();
        assertThat(cutover.out()).contains("cutover of workflow split: rules v2 published (attempt 2)",
                "write pause:", "fenced: ds0.orders, ds1.orders");
        for (int shard = 0; shard < 2; shard++) {
            try (Connection source = cluster.source(shard); Statement statement = source.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE orders SET note = 'stale' LIMIT 1"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("shardgate: orders moved (resharding workflow split, rules v2); this "
                                + "write used older rules")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("45000"));
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO orders (id, user_id, amount, "
                        + "created_at) VALUES (999999, 1, 1, NOW())")).hasMessageContaining("orders moved");
            }
        }

        try (Connection target = cluster.target(1); Statement statement = target.createStatement()) {
            statement.executeUpdate("UPDATE orders SET note = 'written after cutover' WHERE id = (SELECT id FROM "
                    + "(SELECT MIN(id) AS id FROM orders) m)");
        }
        ReshardCluster.Result reverse = reshard("start", "--workflow", "split", "--meta", meta, "--until-caught-up");
        assertThat(reverse.code()).as(reverse.toString()).isZero();
        assertThat(reverse.out()).contains("streaming back changes of ds2", "caught up");
        assertThat(count(cluster.source(0), "SELECT COUNT(*) FROM orders WHERE note = 'written after cutover'"))
                .as("the reverse stream keeps the old layout current").isEqualTo(1);
        ReshardCluster.Result status = reshard("status", "--workflow", "split", "--meta", meta);
        assertThat(status.out()).contains("CUT_OVER", "reverse stream");

        ReshardCluster.Result complete = reshard("complete", "--workflow", "split", "--meta", meta);
        assertThat(complete.code()).as(complete.toString()).isZero();
        assertThat(complete.out()).contains("old tables dropped: ds0.orders, ds1.orders");
        assertThat(count(cluster.source(0), "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME IN ('orders', 'shardgate_fence')")).isZero();
        assertThat(count(cluster.source(0), "SELECT COUNT(*) FROM orders_1") + count(cluster.target(1),
                "SELECT COUNT(*) FROM orders") + count(cluster.source(1), "SELECT COUNT(*) FROM orders_1")
                + count(cluster.target(3), "SELECT COUNT(*) FROM orders")).isEqualTo(ROWS);
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            assertThat(store.workflow("split").orElseThrow().state()).isEqualTo(WorkflowState.COMPLETED);
            assertThat(store.currentVersion()).hasValue(2L);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void cancelTakesTheWorkflowFromARunningStartAndDropsOnlyWhatItCreated() throws Exception {
        ReshardCluster cluster = ReshardCluster.create("cancel", dir);
        cluster.createOrders(ROWS);
        String meta = cluster.metaUrl();
        try (Connection ds2 = cluster.target(1); Statement statement = ds2.createStatement()) {
            statement.execute("CREATE TABLE orders LIKE " + cluster.prefix + "_s0.orders");
        }
        assertThat(reshard("plan", "--from", cluster.currentYaml.toString(), "--to", cluster.targetYaml.toString(),
                "--workflow", "dropme", "--meta", meta, "--no-estimates").code()).isZero();
        CompletableFuture<ReshardCluster.Result> streaming = CompletableFuture.supplyAsync(
                () -> reshard("start", "--workflow", "dropme", "--meta", meta));
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (store.workflow("dropme").orElseThrow().state() != WorkflowState.STREAMING) {
                assertThat(System.nanoTime()).as("copy finished").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        ReshardCluster.Result cancel = reshard("cancel", "--workflow", "dropme", "--meta", meta);
        assertThat(cancel.code()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains("asking the start that streams workflow dropme to hand it over",
                "dropped ds0.orders_1", "emptied ds2.orders (it existed before the workflow)", "dropped ds3.orders",
                "workflow dropme cancelled");
        ReshardCluster.Result start = streaming.get(30, TimeUnit.SECONDS);
        assertThat(start.code()).as(start.toString()).isZero();
        assertThat(start.out()).contains("handed workflow dropme over to cancel", "is CANCELLED; nothing left to "
                + "stream");

        assertThat(count(cluster.target(1), "SELECT COUNT(*) FROM orders")).isZero();
        assertThat(count(cluster.source(0), "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME = 'orders_1'")).isZero();
        assertThat(count(cluster.source(0), "SELECT COUNT(*) FROM orders") + count(cluster.source(1),
                "SELECT COUNT(*) FROM orders")).as("the sources are untouched").isEqualTo(ROWS);
        assertThat(reshard("cancel", "--workflow", "dropme", "--meta", meta).code())
                .isEqualTo(ExitCode.NOT_POSSIBLE);
    }
}
