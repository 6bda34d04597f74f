package io.shardgate.it.streaming;

import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A k-way ORDER BY merge of 1,000,000 rows across 4 shards, read in a child JVM whose heap (48 MB) is far smaller
 * than the result (about 100 MB of rows): it can only pass if the merge streams, holding no more than the shards'
 * fetch buffers. Rows are generated server-side (MariaDB's SEQUENCE engine) straight into the physical table
 * the mod rule assigns them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MillionRowStreamingSortIT {

    private static final int ROWS = 1_000_000;

    private MariaDbServer server0;
    private MariaDbServer server1;
    private Path config;

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        server0 = new MariaDbServer("stream-ds0");
        server1 = new MariaDbServer("stream-ds1");
        MariaDbServer.startAll(server0, server1);
        MariaDbServer[] servers = {server0, server1};
        for (int shard = 0; shard < 4; shard++) {
            MariaDbServer server = servers[shard % 2];
            if (shard < 2) {
                server.createDatabase("big");
            }
            String table = "events_" + shard;
            server.execute("big", "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, "
                    + "payload VARCHAR(80) NOT NULL)");
            // v is a permutation of the ids (7919 and the prime 1000003 are coprime), so the order is total
            server.execute("big", "INSERT INTO " + table + " SELECT seq, (seq * 7919) % 1000003, "
                    + "CONCAT('payload-', seq, '-', REPEAT('x', 50)) FROM seq_0_to_" + (ROWS - 1)
                    + " WHERE seq % 4 = " + shard);
        }
        config = dir.resolve("shardgate.yaml");
        Files.writeString(config, """
                dataSources:
                  ds0: { primary: { url: "%s", user: %s, password: "%s" } }
                  ds1: { primary: { url: "%s", user: %s, password: "%s" } }
                tables:
                  events: { shardKey: id, algorithm: mod, nodes: [ds0.events_0, ds1.events_1, ds0.events_2, ds1.events_3] }
                """.formatted(server0.jdbcUrl("big"), server0.user(), server0.password(),
                server1.jdbcUrl("big"), server1.user(), server1.password()));
    }

    @AfterAll
    void stop() {
        if (server0 != null) {
            server0.close();
        }
        if (server1 != null) {
            server1.close();
        }
    }

    @Test
    void sortsAMillionRowsAcrossFourShardsInASmallHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), StreamingSortCheck.class.getName(),
                config.toString(), String.valueOf(ROWS)))
                .redirectErrorStream(true).start();
        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            child.destroyForcibly();
        }
        assertThat(finished).as("child finished in time; output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
        assertThat(output).contains("sorted " + ROWS + " rows");
    }
}
