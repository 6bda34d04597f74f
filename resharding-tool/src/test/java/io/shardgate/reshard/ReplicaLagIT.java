package io.shardgate.reshard;

import io.shardgate.reshard.meta.CopyCheckpoint;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.shardgate.reshard.ReshardCluster.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy backs off on replica lag against real GTID replication: with the source's replica no longer applying
 * (SQL thread stopped, then a write on the primary), {@code start --max-replica-lag 1s} pauses the copy naming the
 * replica, copies nothing more while it lags, and finishes once the replica applies again.
 */
class ReplicaLagIT {
    private static final int ROWS = 3_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theCopyWaitsWhileASourceReplicaLagsAndGoesOnOnceItApplies() throws Exception {
        try (MariaDbTopology topology = MariaDbTopology.builder().name("lag").replicas(1).start()) {
            MariaDbServer primary = topology.primary();
            MariaDbServer replica = topology.replica(0);
            for (String db : new String[] {"s0", "s1", "meta"}) {
                primary.createDatabase(db);
            }
            primary.execute("s0", "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, note "
                    + "VARCHAR(50)) ENGINE=InnoDB");
            primary.execute("s0", "INSERT INTO orders SELECT seq, seq * 7, CONCAT('order ', seq) FROM seq_1_to_"
                    + ROWS);
            topology.awaitReplicaCaughtUp(Duration.ofSeconds(30));
            String ds0 = "ds0: { primary: { url: \"%s\", user: root }, replicas: [ { url: \"%s\", user: root } ] }"
                    .formatted(primary.jdbcUrl("s0"), replica.jdbcUrl("s0"));
            Path current = dir.resolve("current.yaml");
            Path target = dir.resolve("target.yaml");
            Files.writeString(current, "dataSources:\n  " + ds0 + "\ntables:\n"
                    + "  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders] }\n");
            Files.writeString(target, "dataSources:\n  " + ds0 + "\n  ds1: { primary: { url: \""
                    + primary.jdbcUrl("s1") + "\", user: root } }\ntables:\n"
                    + "  orders: { shardKey: user_id, algorithm: hash, nodes: [ds1.orders] }\n");
            String meta = primary.jdbcUrl("meta") + "?user=root";
            ReshardCluster.Result plan = ReshardCluster.reshard("plan", "--from", current.toString(), "--to",
                    target.toString(), "--workflow", "lag", "--meta", meta, "--no-estimates");
            assertThat(plan.code()).as(plan.toString()).isZero();

            replica.stopReplicaSqlThread();
            primary.execute("s0", "UPDATE orders SET note = 'changed while the replica stood still' WHERE id = 1");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // 500 rows/s: the copy is still running when the guard finds the lag above 1 s
            CompletableFuture<Integer> start = CompletableFuture.supplyAsync(() -> ReshardMain.run(new String[] {
                    "start", "--workflow", "lag", "--meta", meta, "--chunk-size", "100", "--max-rows-per-second",
                    "500", "--max-replica-lag", "1s", "--until-caught-up"},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            try (MetadataStore store = MetadataStore.open(meta, null, null)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!out.toString(StandardCharsets.UTF_8).contains("copy paused")) {
                    assertThat(start).as("start ended before pausing:\n" + out + err).isNotDone();
                    assertThat(System.nanoTime()).as("the copy pauses:\n" + out).isLessThan(deadline);
                    Thread.sleep(50);
                }
                assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                        "copy waits while a replica lags more than 1.0 s: watching ds0.replica0(" + replica.jdbcUrl("s0"),
                        "copy paused: replica ds0.replica0(" + replica.jdbcUrl("s0") + ") is ");
                Thread.sleep(300); // a chunk in flight when the pause began finishes and checkpoints
                long pausedAt = scanned(store);
                Thread.sleep(3_000);
                assertThat(scanned(store)).as("rows scanned while the replica lags").isEqualTo(pausedAt)
                        .isLessThan(ROWS);
                assertThat(start).isNotDone();

                replica.startReplicaSqlThread();
                assertThat(start.get(60, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
                assertThat(scanned(store)).isEqualTo(ROWS);
            }
            System.out.println("[replica lag] start's output:\n" + out.toString(StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("copy resumes", "copied ds0.orders", "caught up");
            try (Connection connection = primary.connection("s1")) {
                assertThat(count(connection, "SELECT COUNT(*) FROM orders")).isEqualTo(ROWS);
            }
            try (Connection connection = primary.connection("s1"); Statement statement = connection.createStatement();
                 var rs = statement.executeQuery("SELECT note FROM orders WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("changed while the replica stood still");
            }
        }
    }

    private static long scanned(MetadataStore store) throws Exception {
        return store.copyCheckpoints("lag").stream().mapToLong(CopyCheckpoint::rowsScanned).sum();
    }
}
