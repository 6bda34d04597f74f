package io.shardgate.it.resharding;

import io.shardgate.it.resharding.ReshardTopology.Node;
import io.shardgate.it.resharding.ReshardTopology.OrderRow;
import io.shardgate.it.resharding.ReshardTopology.Result;
import io.shardgate.jdbc.ShardgateDriver;
import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.WorkflowState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.shardgate.it.resharding.ReshardTopology.reshard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 6 end to end: an application writes continuously through {@code jdbc:shardgate:} (its driver registered
 * with the metadata store) and through a Shardgate proxy (registered too; its clients use MySQL Connector/J, one in
 * the text protocol, one with server-side prepared statements) while {@code orders} is resharded from 2 shards to 4
 * and back: plan, a start that copies and keeps streaming, a cutover a wedged router makes abort, the cutover, then
 * a rollback. After each switch the tables hold exactly what the acknowledged writes imply (no row lost, none
 * duplicated, none stale), no write failed on either path, and the longest write of each path is reported.
 * {@code -Dshardgate.reshard.rows=1000000} runs it at the size of the issue's proof (several minutes).
 */
class OnlineReshardIT {
    private static final int ROWS = Integer.getInteger("shardgate.reshard.rows", 100_000);
    /** Writers 0 and 1 go through the driver, 2 and 3 through the proxy. */
    private static final int WRITERS = 4;
    private static final String DRIVER = "driver";
    private static final String PROXY = "proxy";
    private static final String CONNECTOR_J = "jdbc:mysql://127.0.0.1:%d/shardgate?user=root&password="
            + "&sslMode=DISABLED";
    /** Far above the 500 ms target, so a loaded CI machine does not fail the build; the figure is printed. */
    private static final long LONGEST_WRITE_BOUND_MILLIS = 3_000;
    /** The writers keep writing while the stream catches up; at a million rows that takes minutes on a small box. */
    private static final String CATCH_UP = "300s";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void reshardTwoShardsToFourAndBackWhileTheApplicationWrites() throws Exception {
        try (ReshardTopology topology = ReshardTopology.start(dir)) {
            topology.createOrders(ROWS);
            String meta = topology.metaUrl();
            try (Proxy proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--config",
                    topology.currentYaml.toString()))) {
                reshardWhileWriting(topology, meta, proxy);
            }
        }
    }

    private void reshardWhileWriting(ReshardTopology topology, String meta, Proxy proxy) throws Exception {
        String proxyUrl = CONNECTOR_J.formatted(proxy.port());
        List<String> urls = List.of(topology.driverUrl(), proxyUrl);
        List<OrderWriter> writers = writers(topology, proxyUrl);
        try {
            for (String url : urls) {
                try (Connection app = DriverManager.getConnection(url)) {
                    assertThat(count(app)).as("the routers serve their own file until a version is published")
                            .isEqualTo(ROWS);
                }
            }
            Result plan = reshard("plan", "--from", topology.currentYaml.toString(), "--to",
                    topology.targetYaml.toString(), "--workflow", "split", "--meta", meta);
            assertThat(plan.code()).as(plan.toString()).isZero();

            writers.forEach(OrderWriter::start);
            CompletableFuture<Result> streaming = CompletableFuture.supplyAsync(() -> reshard("start",
                    "--workflow", "split", "--meta", meta, "--chunk-size", "2000"));
            awaitState(meta, WorkflowState.STREAMING, streaming);
            try (StaleRouter wedged = StaleRouter.register(topology.a(), meta, 1)) {
                Result aborted = reshard("cutover", "--workflow", "split", "--meta", meta, "--timeout", "1s");
                assertThat(aborted.code()).as(aborted.toString()).isEqualTo(1);
                assertThat(aborted.err()).contains("cutover aborted, rules v1 stay in use",
                        wedged.describe() + " did not load rules within 1000 ms");
            }
            Phase copying = Phase.end("copy, streaming and an aborted cutover", writers);
            assertThat(copying.failures()).isEmpty();
            try (MetadataStore store = MetadataStore.open(meta, null, null)) {
                assertThat(store.workflow("split").orElseThrow().state()).isEqualTo(WorkflowState.STREAMING);
                assertThat(store.currentVersion()).hasValue(1L);
            }
            assertThat(LayoutCheck.differences(topology.currentLayout(), ReshardTopology.CURRENT,
                    copying.expected())).as("the old layout still serves everything").isEmpty();

            writers.forEach(OrderWriter::start);
            Thread.sleep(500);
            Result cutover = reshard("cutover", "--workflow", "split", "--meta", meta, "--timeout", "5s",
                    "--catch-up-timeout", CATCH_UP);
            assertThat(cutover.code()).as(cutover.toString()).isZero();
            assertThat(cutover.out()).as("both routers took part").contains("router driver@", "router proxy@");
            Thread.sleep(1000);
            Phase cut = Phase.end("cutover", writers);
            System.out.println(cut.report() + "\n" + cutover.out());
            assertThat(cut.failures()).isEmpty();
            assertThat(cut.operationsByPath()).allSatisfy((path, operations) -> assertThat(operations)
                    .as("writes through the " + path + " during the cutover").isPositive());
            assertThat(LayoutCheck.differences(topology.targetLayout(), ReshardTopology.TARGET, cut.expected()))
                    .isEmpty();
            for (String url : urls) {
                try (Connection app = DriverManager.getConnection(url)) {
                    assertThat(count(app)).as("the application reads the new layout through " + url)
                            .isEqualTo(cut.expected().size());
                }
            }
            assertThat(proxy.engine().rulesVersion()).isEqualTo(2);
            cut.assertLongestWritesBelow(LONGEST_WRITE_BOUND_MILLIS);
            assertFenced(topology.currentLayout().get(0));

            writers.forEach(OrderWriter::start);
            Thread.sleep(1000);
            Result rollback = reshard("rollback", "--workflow", "split", "--meta", meta, "--timeout", "5s",
                    "--catch-up-timeout", CATCH_UP);
            assertThat(rollback.code()).as(rollback.toString()).isZero();
            assertThat(rollback.out()).as("both routers took part").contains("router driver@", "router proxy@");
            Thread.sleep(1000);
            Phase back = Phase.end("rollback", writers);
            System.out.println(back.report() + "\n" + rollback.out());
            assertThat(back.failures()).isEmpty();
            assertThat(LayoutCheck.differences(topology.currentLayout(), ReshardTopology.CURRENT,
                    back.expected())).isEmpty();
            back.assertLongestWritesBelow(LONGEST_WRITE_BOUND_MILLIS);
            assertFenced(topology.targetLayout().get(1));

            Result start = streaming.get(60, TimeUnit.SECONDS);
            assertThat(start.code()).as(start.toString()).isZero();
            assertThat(start.out()).contains("handed workflow split over to cutover",
                    "streaming back changes of ds2", "is ROLLED_BACK; nothing left to stream");
        } finally {
            for (OrderWriter writer : writers) {
                writer.stop();
            }
            ShardgateDriver.closeEngine(topology.driverUrl());
        }
    }

    /**
     * One writer per id residue, each starting from the rows it owns: the first half through the driver, the
     * second through the proxy (one in Connector/J's text protocol, one with server-side prepared statements).
     */
    private static List<OrderWriter> writers(ReshardTopology topology, String proxyUrl) throws SQLException {
        List<Map<Long, OrderRow>> owned = WriterGroup.ownedRows(topology, WRITERS);
        List<OrderWriter> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            if (i < WRITERS / 2) {
                writers.add(new OrderWriter(i, DRIVER, topology.driverUrl(), owned.get(i)));
            } else {
                String url = i % 2 == 0 ? proxyUrl : proxyUrl + "&useServerPrepStmts=true&cachePrepStmts=true";
                writers.add(new OrderWriter(i, PROXY, url, owned.get(i)));
            }
        }
        return writers;
    }

    /** The longest write of one path and when it began. */
    private record Longest(long millis, LocalTime at) {
        @Override
        public String toString() {
            return millis + " ms (began " + at + ")";
        }
    }

    /** What the writers did between their start and a stop. */
    private record Phase(String name, Map<String, Long> operationsByPath, Map<String, Longest> longestByPath,
                         List<String> failures, Map<Long, OrderRow> expected) {
        static Phase end(String name, List<OrderWriter> writers) throws InterruptedException {
            Map<String, Long> operations = new TreeMap<>();
            Map<String, Longest> longest = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            Map<Long, OrderRow> expected = new HashMap<>();
            for (OrderWriter writer : writers) {
                writer.stop();
                operations.merge(writer.path(), writer.operations(), Long::sum);
                Longest before = longest.get(writer.path());
                if (before == null || writer.longestMillis() >= before.millis()) {
                    longest.put(writer.path(), new Longest(writer.longestMillis(), writer.longestAt()));
                }
                failures.addAll(writer.failures());
                expected.putAll(writer.expected());
            }
            return new Phase(name, operations, longest, failures, expected);
        }

        void assertLongestWritesBelow(long boundMillis) {
            assertThat(longestByPath).allSatisfy((path, longest) -> assertThat(longest.millis())
                    .as("longest write through the " + path + " during the " + name).isLessThan(boundMillis));
        }

        String report() {
            StringBuilder out = new StringBuilder("[reshard] " + name + ":");
            longestByPath.forEach((path, longest) -> out.append(' ').append(path).append(": ")
                    .append(operationsByPath.get(path)).append(" acknowledged writes, longest ").append(longest)
                    .append(';'));
            return out.append(' ').append(failures.size()).append(" failed").toString();
        }
    }

    private static void assertFenced(Node node) throws SQLException {
        try (Connection connection = node.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE " + node.table() + " SET note = 'stale' LIMIT 1"))
                    .as("a write sent to " + node.name() + " directly").isInstanceOf(SQLException.class)
                    .hasMessageContaining("shardgate: orders moved").hasMessageContaining("workflow split");
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitState(String meta, WorkflowState state, CompletableFuture<Result> start)
            throws Exception {
        try (MetadataStore store = MetadataStore.open(meta, null, null)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (store.workflow("split").orElseThrow().state() != state) {
                assertThat(start).as("start ended early").isNotDone();
                assertThat(System.nanoTime()).as("reached " + state).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }
}
