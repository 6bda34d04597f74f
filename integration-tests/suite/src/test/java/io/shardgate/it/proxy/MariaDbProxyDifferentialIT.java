package io.shardgate.it.proxy;

import io.shardgate.it.differential.DifferentialDataSet;
import io.shardgate.it.differential.QueryCorpus;
import io.shardgate.it.differential.ResultRows;
import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;
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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The differential corpus of the driver (io.shardgate.it.differential) through the proxy: the same data in two
 * MariaDB shards behind the proxy and in one unsharded reference server, and every corpus query must return the
 * same rows over MySQL Connector/J. Once with server-side prepared statements (COM_STMT_PREPARE / EXECUTE, binary
 * rows) and once in Connector/J's default text protocol. The shards have no replicas here: replica reads are the
 * engine's, which the driver's differential suite covers; this suite is about what the proxy adds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbProxyDifferentialIT {
    private static final String CONNECTOR_J = "jdbc:mysql://127.0.0.1:%d/shop?user=root&password=&sslMode=DISABLED";

    private MariaDbServer shard0;
    private MariaDbServer shard1;
    private MariaDbServer reference;
    private Proxy proxy;
    private Connection serverPrepared;
    private Connection text;
    private Connection direct;

    @BeforeAll
    void startAndLoad(@TempDir Path dir) throws Exception {
        shard0 = new MariaDbServer("proxydiff-ds0");
        shard1 = new MariaDbServer("proxydiff-ds1");
        reference = new MariaDbServer("proxydiff-reference");
        DatabaseServer.startAll(shard0, shard1, reference);
        for (MariaDbServer server : List.of(shard0, shard1, reference)) {
            server.createDatabase("shop");
        }
        // the differential suite's rules, over primaries only
        Path config = dir.resolve("shardgate.yaml");
        Files.writeString(config, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root, password: "" } }
                  ds1: { primary: { url: "%s", user: root, password: "" } }
                tables:
                  users: { shardKey: id, algorithm: hash, nodes: "ds${0..1}.users_${0..1}" }
                  orders: { shardKey: user_id, algorithm: hash, nodes: "ds${0..1}.orders_${0..1}" }
                  order_items: { shardKey: user_id, algorithm: hash, nodes: "ds${0..1}.order_items_${0..1}" }
                broadcastTables: [countries]
                bindingGroups:
                  - [users, orders, order_items]
                """.formatted(shard0.jdbcUrl("shop"), shard1.jdbcUrl("shop")));
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--schema", "shop", "--config", config.toString()));
        String viaProxy = CONNECTOR_J.formatted(proxy.port());
        serverPrepared = DriverManager.getConnection(viaProxy + "&useServerPrepStmts=true&cachePrepStmts=true");
        text = DriverManager.getConnection(viaProxy);
        direct = DriverManager.getConnection(CONNECTOR_J.formatted(reference.port()));
        List<String> load = new ArrayList<>(DifferentialDataSet.schema());
        load.addAll(DifferentialDataSet.inserts());
        for (String sql : load) {
            try (Statement viaText = text.createStatement(); Statement reference = direct.createStatement()) {
                viaText.execute(sql);
                reference.execute(sql);
            }
        }
    }

    @AfterAll
    void stop() throws SQLException {
        try {
            for (Connection c : new Connection[] {serverPrepared, text, direct}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {proxy, shard0, shard1, reference}) {
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
    Stream<DynamicTest> serverPreparedStatementsMatchTheReference() throws SQLException {
        return corpus((sql, ignoreCase) -> {
            try (PreparedStatement p = serverPrepared.prepareStatement(sql)) {
                return ResultRows.read(p.executeQuery(), ignoreCase);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> textProtocolMatchesTheReference() throws SQLException {
        return corpus((sql, ignoreCase) -> {
            try (Statement s = text.createStatement()) {
                return ResultRows.read(s.executeQuery(sql), ignoreCase);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> statementsTheEngineCannotAnswerExactlyAreRefused() throws SQLException {
        return QueryCorpus.load("/differential/refused.sql").stream().map(q -> DynamicTest.dynamicTest(
                q.sql(), () -> assertThatThrownBy(() -> {
                    try (PreparedStatement p = serverPrepared.prepareStatement(q.sql())) {
                        p.execute();
                    }
                }).isInstanceOf(SQLException.class).hasMessageContaining("Shardgate does not support")));
    }

    /** How one client mode runs a query and reads its rows. */
    @FunctionalInterface
    private interface Mode {
        List<List<String>> rows(String sql, boolean ignoreCase) throws SQLException;
    }

    private Stream<DynamicTest> corpus(Mode viaProxy) throws SQLException {
        return QueryCorpus.load("/differential/queries.sql").stream().map(q -> DynamicTest.dynamicTest(
                "line " + q.line() + ": " + q.sql(), () -> {
                    List<List<String>> expected;
                    try (Statement s = direct.createStatement()) {
                        expected = ResultRows.read(s.executeQuery(q.sql()), q.ignoreCase());
                    }
                    List<List<String>> actual = viaProxy.rows(q.sql(), q.ignoreCase());
                    if (q.ordered()) {
                        assertThat(actual).isEqualTo(expected);
                    } else {
                        assertThat(ResultRows.sorted(actual)).isEqualTo(ResultRows.sorted(expected));
                    }
                }));
    }
}
