package io.shardgate.it.resharding;

import io.shardgate.it.resharding.ReshardTopology.Result;
import io.shardgate.jdbc.ShardgateDriver;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.StreamPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.shardgate.it.resharding.ReshardTopology.reshard;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test for the copy and the stream: while the application writes through the driver, the
 * {@code start} process is killed with SIGKILL at random moments (the first kill lands in the copy, the others
 * while it streams) and started again each time. Every restart resumes from the saved checkpoint, and once it has
 * caught up the targets hold exactly what the acknowledged writes imply: verify passes and a direct comparison
 * finds no row lost, duplicated or stale. {@code -Dshardgate.reshard.crash.kills} and
 * {@code -Dshardgate.reshard.crash.rows} make it harder.
 */
class StreamCrashIT {
    private static final int ROWS = Integer.getInteger("shardgate.reshard.crash.rows", 20_000);
    private static final int KILLS = Integer.getInteger("shardgate.reshard.crash.kills", 5);
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void startKilledDuringCopyAndStreamingResumesAndEndsExact() throws Exception {
        long seed = Long.getLong("shardgate.reshard.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("[crash] StreamCrashIT seed " + seed);
        try (ReshardTopology topology = ReshardTopology.start(dir)) {
            topology.createOrders(ROWS);
            String meta = topology.metaUrl();
            WriterGroup writers = WriterGroup.of(topology, 4);
            try (MetadataStore store = MetadataStore.open(meta, null, null)) {
                Result plan = reshard("plan", "--from", topology.currentYaml.toString(), "--to",
                        topology.targetYaml.toString(), "--workflow", "split", "--meta", meta, "--no-estimates");
                assertThat(plan.code()).as(plan.toString()).isZero();
                writers.start();

                long appliedBefore = -1;
                for (int kill = 0; kill < KILLS; kill++) {
                    ToolProcess start = ToolProcess.start(dir.resolve("start-" + kill + ".log"), "start",
                            "--workflow", "split", "--meta", meta, "--chunk-size", "1000");
                    // the first run is killed in the copy, the others once they stream
                    String phase = kill == 0 ? "recorded change-log positions" : "streaming changes of ds1";
                    assertThat(start.awaitOutput(phase, STARTUP)).as(start.output()).isTrue();
                    Thread.sleep(random.nextInt(kill == 0 ? 500 : 2_000));
                    assertThat(start.kill()).as("start was still running at kill %d:%n%s", kill, start.output())
                            .isTrue();
                    if (kill > 0) {
                        assertThat(start.output()).as("resumed from the saved positions")
                                .contains("streaming changes of ds0 from GTID");
                        long applied = applied(store);
                        assertThat(applied).as("the stream saved progress before kill %d", kill)
                                .isGreaterThanOrEqualTo(appliedBefore);
                        appliedBefore = applied;
                    }
                }
                assertThat(appliedBefore).as("transactions applied across the killed runs").isPositive();
            }
            WriterGroup.Outcome written;
            try {
                Thread.sleep(500);
            } finally {
                written = writers.stop();
                ShardgateDriver.closeEngine(topology.driverUrl());
            }
            System.out.println("[crash] " + KILLS + " kills of start; " + written.operations()
                    + " acknowledged writes in the last run of the writers");
            assertThat(written.failures()).isEmpty();

            Result caughtUp = reshard("start", "--workflow", "split", "--meta", meta, "--until-caught-up");
            assertThat(caughtUp.code()).as(caughtUp.toString()).isZero();
            assertThat(caughtUp.out()).contains("streaming changes of ds0 from GTID", "caught up");
            Result verified = reshard("verify", "--workflow", "split", "--meta", meta);
            assertThat(verified.code()).as(verified.toString()).isZero();
            assertThat(verified.out()).contains("targets match");
            assertThat(LayoutCheck.differences(topology.targetLayout(), ReshardTopology.TARGET, written.expected()))
                    .isEmpty();
            assertThat(LayoutCheck.differences(topology.currentLayout(), ReshardTopology.CURRENT,
                    written.expected())).isEmpty();
        }
    }

    private static long applied(MetadataStore store) throws Exception {
        return store.streamPositions("split", StreamDirection.FORWARD).stream()
                .mapToLong(StreamPosition::eventsApplied).sum();
    }
}
