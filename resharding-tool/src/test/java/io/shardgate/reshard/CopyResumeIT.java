package io.shardgate.reshard;

import io.shardgate.reshard.meta.CopyCheckpoint;
import io.shardgate.reshard.meta.MetadataStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.shardgate.reshard.ReshardCluster.count;
import static io.shardgate.reshard.ReshardCluster.reshard;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splits a 2-shard hash table of 100,000 rows into 4 shards against real MariaDB servers: plan with estimates,
 * a copy killed with SIGKILL part-way, a restart that resumes from the checkpoint, and a verification that finds
 * the targets exact, then finds rows tampered with afterwards.
 */
class CopyResumeIT {
    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void splitTwoShardsIntoFourSurvivesAKilledCopy() throws Exception {
        ReshardCluster cluster = ReshardCluster.create("kill", dir);
        cluster.createOrders(ROWS);
        String from = cluster.currentYaml.toString();
        String to = cluster.targetYaml.toString();
        String meta = cluster.metaUrl();

        ReshardCluster.Result plan = reshard("plan", "--from", from, "--to", to, "--json");
        assertThat(plan.code()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("\"keys\":\"keyspace 40-80\",\"target\":\"ds2.orders\",\"moves\":true",
                "\"keys\":\"keyspace c0-\",\"target\":\"ds3.orders\",\"moves\":true", "\"estimatedRows\":",
                "\"refused\":false");

        ReshardCluster.Result text = reshard("plan", "--from", from, "--to", to);
        assertThat(text.out()).contains("moves  keyspace 40-80  to ds2.orders", "moves  keyspace -40  to ds0.orders_1",
                "rows per shard now", "skew", "not counts");

        assertThat(reshard("verify", "--workflow", "split", "--meta", meta).code()).isEqualTo(ExitCode.NOT_POSSIBLE);
        ReshardCluster.Result recorded = reshard("plan", "--from", from, "--to", to, "--workflow", "split",
                "--meta", meta, "--no-estimates");
        assertThat(recorded.code()).as(recorded.toString()).isZero();
        assertThat(reshard("plan", "--from", from, "--to", to, "--workflow", "split", "--meta", meta,
                "--no-estimates").code()).isEqualTo(ExitCode.NOT_POSSIBLE);
        assertThat(reshard("verify", "--workflow", "split", "--meta", meta).code()).isEqualTo(ExitCode.NOT_POSSIBLE);

        Process child = startInChildJvm(meta);
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (scanned(store) < 20_000) {
                assertThat(child.isAlive()).as("the copy ended before it could be killed").isTrue();
                assertThat(System.nanoTime()).as("copy progress").isLessThan(deadline);
                Thread.sleep(50);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<CopyCheckpoint> killed = store.copyCheckpoints("split");
            assertThat(killed).anyMatch(c -> !c.done());
            assertThat(scanned(store)).isLessThan(ROWS);
        }

        ReshardCluster.Result resumed = reshard("start", "--workflow", "split", "--meta", meta, "--chunk-size",
                "2000", "--until-caught-up");
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resuming after key", "caught up");

        assertThat(count(cluster.target(1), "SELECT COUNT(*) FROM orders")).isEqualTo(cluster.expectedOnTarget(1))
                .isPositive();
        assertThat(count(cluster.target(3), "SELECT COUNT(*) FROM orders")).isEqualTo(cluster.expectedOnTarget(3))
                .isPositive();
        ReshardCluster.Result verified = reshard("verify", "--workflow", "split", "--meta", meta);
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("verified " + ROWS + " source rows", "targets match");

        ReshardCluster.Result status = reshard("status", "--workflow", "split", "--meta", meta, "--json");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).contains("\"state\":\"STREAMING\"", "\"done\":true", "\"lagTransactions\":0");

        long missing;
        long changed;
        try (var connection = cluster.target(1); Statement statement = connection.createStatement()) {
            missing = firstId(statement, "SELECT MIN(id) FROM orders");
            changed = firstId(statement, "SELECT MAX(id) FROM orders");
            statement.execute("DELETE FROM orders WHERE id = " + missing);
            statement.execute("UPDATE orders SET amount = amount + 1 WHERE id = " + changed);
        }
        ReshardCluster.Result tampered = reshard("verify", "--workflow", "split", "--meta", meta, "--rechecks", "0");
        assertThat(tampered.code()).as(tampered.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(tampered.out()).contains("2 rows differ", "MISSING orders key [\"" + missing + "\"] on ds2.orders",
                "DIFFERENT orders key [\"" + changed + "\"] on ds2.orders");
    }

    private static long firstId(Statement statement, String sql) throws Exception {
        try (var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long scanned(MetadataStore store) throws Exception {
        return store.copyCheckpoints("split").stream().mapToLong(CopyCheckpoint::rowsScanned).sum();
    }

    /** {@code start} in its own JVM, throttled so that it is still copying when the test kills it. */
    private Process startInChildJvm(String meta) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ReshardMain.class.getName(),
                "start", "--workflow", "split", "--meta", meta, "--chunk-size", "500",
                "--max-rows-per-second", "15000", "--until-caught-up"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
    }
}
