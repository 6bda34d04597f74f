package io.shardgate.it.resharding;

import io.shardgate.engine.rules.RouterTimings;
import io.shardgate.it.resharding.ReshardTopology.Node;
import io.shardgate.it.resharding.ReshardTopology.Result;
import io.shardgate.jdbc.ShardgateDriver;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterRegistration;
import io.shardgate.reshard.meta.WorkflowState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.shardgate.it.resharding.ReshardTopology.reshard;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test for the switches: while the application writes through the driver and a {@code start}
 * streams, {@code cutover} is killed with SIGKILL at different points of its switch (catching up, PREPARE, HOLD,
 * the moment its fences go on) and run again until it succeeds; then the same for {@code rollback}. After each
 * switch no acknowledged write is lost or duplicated, no write failed (the kills are followed by a new run well
 * within the routers' 30 s hold limit), the layout switched to holds exactly what the writes imply, and every router
 * runs the published version. {@code -Dshardgate.reshard.crash.rows} sets the table's size.
 */
class SwitchCrashIT {
    private static final int ROWS = Integer.getInteger("shardgate.reshard.crash.rows", 10_000);
    private static final Duration STEP = Duration.ofSeconds(90);

    /** Where a switch is killed: once it has printed {@code line}, after a random delay below {@code maxDelay}. */
    private record KillPoint(String name, String line, int maxDelayMillis) {
    }

    private static final KillPoint CATCHING_UP = new KillPoint("catching up", "fence triggers ready", 400);
    private static final KillPoint PREPARE = new KillPoint("PREPARE", "routers load rules", 20);
    private static final KillPoint HOLD = new KillPoint("HOLD", "routers hold writes", 40);
    /** Killed as soon as a fence row appears: fenced, not yet published. */
    private static final KillPoint FENCED = new KillPoint("fences on", "routers hold writes", -1);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void killedCutoverAndRollbackRunAgainAndEndExact() throws Exception {
        long seed = Long.getLong("shardgate.reshard.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("[crash] SwitchCrashIT seed " + seed);
        try (ReshardTopology topology = ReshardTopology.start(dir)) {
            topology.createOrders(ROWS);
            String meta = topology.metaUrl();
            WriterGroup writers = WriterGroup.of(topology, 4);
            CompletableFuture<Result> streaming = null;
            try {
                Result plan = reshard("plan", "--from", topology.currentYaml.toString(), "--to",
                        topology.targetYaml.toString(), "--workflow", "split", "--meta", meta, "--no-estimates");
                assertThat(plan.code()).as(plan.toString()).isZero();
                writers.start();
                streaming = CompletableFuture.supplyAsync(() -> reshard("start", "--workflow", "split", "--meta",
                        meta, "--chunk-size", "2000"));
                awaitState(meta, WorkflowState.STREAMING, streaming);

                List<String> cutoverKills = killRepeatedly(random, "cutover", meta, fencedNode(topology, 0),
                        List.of(CATCHING_UP, PREPARE, FENCED, HOLD));
                Result cutover = reshard("cutover", "--workflow", "split", "--meta", meta, "--timeout", "5s",
                        "--catch-up-timeout", "120s");
                assertThat(cutover.code()).as(cutover.toString()).isZero();
                Thread.sleep(500);
                WriterGroup.Outcome cut = writers.stop();
                System.out.println("[crash] cutover kills: " + cutoverKills + "; then\n" + cutover.out());
                assertThat(cut.failures()).isEmpty();
                assertThat(LayoutCheck.differences(topology.targetLayout(), ReshardTopology.TARGET, cut.expected()))
                        .isEmpty();
                awaitRoutersOn(meta, 2);

                writers.start();
                List<String> rollbackKills = killRepeatedly(random, "rollback", meta, fencedNode(topology, 1),
                        List.of(FENCED, HOLD));
                Result rollback = reshard("rollback", "--workflow", "split", "--meta", meta, "--timeout", "5s",
                        "--catch-up-timeout", "120s");
                assertThat(rollback.code()).as(rollback.toString()).isZero();
                Thread.sleep(500);
                WriterGroup.Outcome back = writers.stop();
                System.out.println("[crash] rollback kills: " + rollbackKills + "; then\n" + rollback.out());
                assertThat(back.failures()).isEmpty();
                assertThat(LayoutCheck.differences(topology.currentLayout(), ReshardTopology.CURRENT,
                        back.expected())).isEmpty();
                awaitRoutersOn(meta, 1);

                Result start = streaming.get(60, TimeUnit.SECONDS);
                assertThat(start.code()).as(start.toString()).isZero();
                assertThat(start.out()).contains("is ROLLED_BACK; nothing left to stream");
            } finally {
                writers.stop();
                ShardgateDriver.closeEngine(topology.driverUrl());
                if (streaming != null) {
                    streaming.cancel(true);
                }
            }
        }
    }

    /**
     * Runs {@code command} in a child JVM once per kill point and kills it there; stops early when a run finished
     * (or was killed after its publication). Returns what happened, for the test's output.
     */
    private List<String> killRepeatedly(Random random, String command, String meta, Node fenced,
                                        List<KillPoint> points) throws Exception {
        List<String> kills = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            KillPoint point = points.get(i);
            ToolProcess tool = ToolProcess.start(dir.resolve(command + "-" + i + ".log"), command, "--workflow",
                    "split", "--meta", meta, "--timeout", "5s", "--catch-up-timeout", "120s");
            if (!tool.awaitOutput(point.line(), STEP)) {
                assertThat(tool.awaitExit(STEP)).as(tool.output()).isZero();
                kills.add(point.name() + ": finished before the kill");
                break;
            }
            if (point.maxDelayMillis() < 0) {
                awaitFence(fenced, tool);
            } else {
                Thread.sleep(random.nextInt(point.maxDelayMillis() + 1));
            }
            boolean killed = tool.kill();
            String published = tool.output().contains("published") ? ", after publication" : "";
            kills.add(point.name() + (killed ? ": killed" : ": ended before the kill") + published);
            if (!published.isEmpty() || !killed) {
                break;
            }
        }
        return kills;
    }

    /** Spins until the switch has switched a fence on (or ended). */
    private static void awaitFence(Node node, ToolProcess tool) throws Exception {
        try (Connection connection = node.connect(); Statement statement = connection.createStatement()) {
            long deadline = System.nanoTime() + STEP.toNanos();
            while (tool.alive() && System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM shardgate_fence")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                } catch (SQLException noFenceTableYet) {
                    Thread.sleep(1);
                }
            }
        }
    }

    /** The first node a switch fences: the old layout's for a cutover, the target layout's for a rollback. */
    private static Node fencedNode(ReshardTopology topology, int layout) {
        return layout == 0 ? topology.currentLayout().get(0) : topology.targetLayout().get(1);
    }

    private static void awaitRoutersOn(String meta, long version) throws Exception {
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            assertThat(store.currentVersion()).hasValue(version);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                List<RouterRegistration> routers = store.routerSwitches().liveRouters(RouterTimings.LEASE);
                if (!routers.isEmpty() && routers.stream().allMatch(r -> r.rulesVersion() == version)) {
                    return;
                }
                assertThat(System.nanoTime()).as("routers on rules v%d: %s", version, routers)
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static void awaitState(String meta, WorkflowState state, CompletableFuture<Result> start)
            throws Exception {
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (store.workflow("split").orElseThrow().state() != state) {
                assertThat(start).as("start ended early").isNotDone();
                assertThat(System.nanoTime()).as("reached " + state).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }
}
