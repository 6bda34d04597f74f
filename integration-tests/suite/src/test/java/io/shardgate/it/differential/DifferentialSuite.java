package io.shardgate.it.differential;

import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.ReplicatedTopology;
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
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver's main proof of correctness: the same data in a sharded topology (2 primaries, each with a replica
 * serving the reads, 4 physical tables per sharded table, a broadcast table) and in one unsharded reference
 * server; every corpus query must return the same rows through Shardgate as from the reference. Subclasses
 * provide the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DifferentialSuite {

    private final Function<String, ReplicatedTopology<?>> topologies;
    private final Function<String, DatabaseServer> servers;
    private final String prefix;
    private ReplicatedTopology<?> shard0;
    private ReplicatedTopology<?> shard1;
    private DatabaseServer reference;
    private Connection sharded;
    private Connection direct;

    /**
     * @param prefix     server name prefix
     * @param topologies starts a primary with one replica under the given name
     * @param servers    starts a lone server under the given name
     */
    DifferentialSuite(String prefix, Function<String, ReplicatedTopology<?>> topologies,
                      Function<String, DatabaseServer> servers) {
        this.prefix = prefix;
        this.topologies = topologies;
        this.servers = servers;
    }

    private String startServers() {
        shard0 = topologies.apply(prefix + "-ds0");
        shard1 = topologies.apply(prefix + "-ds1");
        reference = servers.apply(prefix + "-reference");
        shard0.primary().createDatabase("shop");
        shard1.primary().createDatabase("shop");
        reference.createDatabase("shop");
        return config(dataSource("ds0", shard0.primary(), shard0.replica(0), "shop"),
                dataSource("ds1", shard1.primary(), shard1.replica(0), "shop"));
    }

    @BeforeAll
    void startAndLoad(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("shardgate.yaml");
        Files.writeString(config, startServers());
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

    /** The Shardgate configuration over two data sources, each a primary and one replica. */
    static String config(String ds0, String ds1) {
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
                """.formatted(ds0, ds1);
    }

    static String dataSource(String name, DatabaseServer primary, DatabaseServer replica, String database) {
        return """
                  %s:
                    primary: { url: "%s", user: %s, password: "%s" }
                    replicas:
                      - { url: "%s", user: %s, password: "%s" }
                """.formatted(name, primary.jdbcUrl(database), primary.user(), primary.password(),
                replica.jdbcUrl(database), replica.user(), replica.password()).stripTrailing();
    }

    @AfterAll
    void stop() throws SQLException {
        try {
            if (sharded != null) {
                sharded.close();
            }
            if (direct != null) {
                direct.close();
            }
        } finally {
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
