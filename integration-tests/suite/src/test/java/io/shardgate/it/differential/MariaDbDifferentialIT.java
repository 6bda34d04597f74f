package io.shardgate.it.differential;

import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver's main proof of correctness: the same data in a sharded topology (2 MariaDB primaries, each with a
 * GTID replica serving the reads, 4 physical tables per sharded table, a broadcast table) and in one unsharded
 * reference server; every corpus query must return the same rows through Shardgate as from the reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbDifferentialIT {

    private MariaDbTopology shard0;
    private MariaDbTopology shard1;
    private MariaDbServer reference;
    private Connection sharded;
    private Connection direct;

    @BeforeAll
    void startAndLoad(@TempDir Path dir) throws Exception {
        shard0 = MariaDbTopology.builder().name("diff-ds0").replicas(1).start();
        shard1 = MariaDbTopology.builder().name("diff-ds1").replicas(1).start();
        reference = new MariaDbServer("diff-reference").start();
        shard0.primary().createDatabase("shop");
        shard1.primary().createDatabase("shop");
        reference.createDatabase("shop");
        Path config = dir.resolve("shardgate.yaml");
        Files.writeString(config, config(shard0, shard1));
        sharded = DriverManager.getConnection("jdbc:shardgate:" + config);
        direct = DriverManager.getConnection(reference.jdbcUrl("shop"), reference.user(), reference.password());
        for (String sql : DifferentialDataSet.schema()) {
            run(sharded, sql);
            run(direct, sql);
        }
        for (String sql : DifferentialDataSet.inserts()) {
            run(sharded, sql);
            run(direct, sql);
        }
        shard0.awaitReplicaCaughtUp(Duration.ofSeconds(60));
        shard1.awaitReplicaCaughtUp(Duration.ofSeconds(60));
    }

    static String config(MariaDbTopology ds0, MariaDbTopology ds1) {
        return """
                dataSources:
                %s
                %s
                tables:
                  users: { shardKey: id, algorithm: hash, nodes: "ds${0..1}.users_${0..1}" }
                  orders: { shardKey: user_id, algorithm: hash, nodes: "ds${0..1}.orders_${0..1}" }
                  order_items: { shardKey: user_id, algorithm: hash, nodes: "ds${0..1}.order_items_${0..1}" }
                broadcastTables: [countries]
                bindingGroups:
                  - [users, orders, order_items]
                """.formatted(dataSource("ds0", ds0), dataSource("ds1", ds1));
    }

    private static String dataSource(String name, MariaDbTopology t) {
        return """
                  %s:
                    primary: { url: "%s", user: %s, password: "%s" }
                    replicas:
                      - { url: "%s", user: %s, password: "%s" }
                """.formatted(name, t.primary().jdbcUrl("shop"), t.primary().user(), t.primary().password(),
                t.replica(0).jdbcUrl("shop"), t.replica(0).user(), t.replica(0).password()).stripTrailing();
    }

    @AfterAll
    void stop() throws SQLException {
        if (sharded != null) {
            sharded.close();
        }
        if (direct != null) {
            direct.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {shard0, shard1, reference}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the harness's shutdown hook is the safety net
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusQueryMatchesTheUnshardedReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (QueryCorpus q : QueryCorpus.load("/differential/queries.sql")) {
            tests.add(DynamicTest.dynamicTest("line " + q.line() + ": " + q.sql(), () -> {
                List<List<String>> expected;
                List<List<String>> actual;
                try (Statement s = direct.createStatement()) {
                    expected = ResultRows.read(s.executeQuery(q.sql()), q.ignoreCase());
                }
                try (Statement s = sharded.createStatement()) {
                    actual = ResultRows.read(s.executeQuery(q.sql()), q.ignoreCase());
                }
                if (q.ordered()) {
                    assertThat(actual).isEqualTo(expected);
                } else {
                    assertThat(ResultRows.sorted(actual)).isEqualTo(ResultRows.sorted(expected));
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> statementsTheEngineCannotAnswerExactlyAreRefused() {
        return QueryCorpus.load("/differential/refused.sql").stream().map(q -> DynamicTest.dynamicTest(q.sql(),
                () -> assertThatThrownBy(() -> {
                    try (Statement s = sharded.createStatement()) {
                        s.execute(q.sql());
                    }
                }).isInstanceOf(SQLException.class).hasMessageContaining("Shardgate does not support")));
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
