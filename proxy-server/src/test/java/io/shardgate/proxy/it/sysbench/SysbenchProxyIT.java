package io.shardgate.proxy.it.sysbench;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sysbench's {@code oltp_read_write} through the proxy over two MariaDB servers, each {@code sbtestN} hash-sharded
 * by {@code id} into 2 data sources x 2 tables. sysbench is a libmariadb client using server-side prepared
 * statements: BEGIN/COMMIT, point selects, id ranges merged across shards (plain, ORDER BY, DISTINCT, SUM), and
 * UPDATE / DELETE / INSERT by id. It must finish without a single error, and what it leaves behind must add up:
 * the rows the proxy counts are the rows of the physical tables, each of them on the shard its id hashes to.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SysbenchProxyIT {
    private static final int TABLES = 2;
    private static final int TABLE_SIZE = 10_000;

    @TempDir
    static Path configDir;
    static MariaDbServer shard0;
    static MariaDbServer shard1;
    static ShardingRules rules;
    static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        shard0 = new MariaDbServer("sysbench-shard0");
        shard1 = new MariaDbServer("sysbench-shard1");
        DatabaseServer.startAll(shard0, shard1);
        shard0.createDatabase("sbtest");
        shard1.createDatabase("sbtest");
        Path config = configDir.resolve("shardgate.yaml");
        Files.writeString(config, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root, password: "" } }
                  ds1: { primary: { url: "%s", user: root, password: "" } }
                tables:
                  sbtest1: { shardKey: id, algorithm: hash, nodes: "ds${0..1}.sbtest1_${0..1}" }
                  sbtest2: { shardKey: id, algorithm: hash, nodes: "ds${0..1}.sbtest2_${0..1}" }
                """.formatted(shard0.jdbcUrl("sbtest"), shard1.jdbcUrl("sbtest")));
        rules = ConfigLoader.load(config).rules();
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--schema", "sbtest", "--config", config.toString()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (shard0 != null) {
            shard0.close();
        }
        if (shard1 != null) {
            shard1.close();
        }
    }

    @Test
    void oltpReadWriteRunsWithoutErrorsAndLeavesEveryRowOnItsShard() throws Exception {
        SysbenchCommand sysbench = new SysbenchCommand(proxy.port(), TABLES, TABLE_SIZE);
        SysbenchCommand.Outcome prepare = sysbench.run("oltp_read_write", "prepare");
        assertThat(prepare.exitCode()).as(prepare.output()).isZero();
        assertThat(prepare.output()).doesNotContain("FATAL").contains("Creating a secondary index on 'sbtest2'");

        SysbenchCommand.Outcome run = sysbench.run("oltp_read_write", "run", "--threads=4", "--time=10");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("FATAL");
        assertThat(run.figure("ignored errors:")).as(run.output()).isZero();
        assertThat(run.figure("reconnects:")).as(run.output()).isZero();
        assertThat(run.figure("transactions:")).as(run.output()).isPositive();
        assertThat(run.figure("read:")).as(run.output()).isPositive();
        assertThat(run.figure("write:")).as(run.output()).isPositive();

        try (Connection viaProxy = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port()
                + "/sbtest?user=root&password=&sslMode=DISABLED")) {
            for (int t = 1; t <= TABLES; t++) {
                assertPhysicalRowsAddUp(viaProxy, "sbtest" + t);
            }
        }
    }

    /**
     * Each transaction deletes a row and inserts it again, so a table keeps its size; a row routed to the wrong
     * shard would be found by neither count nor key.
     */
    private static void assertPhysicalRowsAddUp(Connection viaProxy, String table) throws SQLException {
        long[] logical = longs(viaProxy, "SELECT COUNT(*), SUM(k) FROM " + table);
        assertThat(logical[0]).as(table + " rows through the proxy").isEqualTo(TABLE_SIZE);
        TableRule rule = rules.table(table).orElseThrow();
        Map<String, MariaDbServer> servers = Map.of("ds0", shard0, "ds1", shard1);
        long rows = 0;
        long sumK = 0;
        List<DataNode> nodes = rule.nodes();
        for (int shard = 0; shard < nodes.size(); shard++) {
            DataNode node = nodes.get(shard);
            try (Connection direct = servers.get(node.dataSource()).connection("sbtest");
                 Statement s = direct.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, k FROM " + node.physicalTable())) {
                while (r.next()) {
                    long id = r.getLong(1);
                    assertThat(rule.algorithm().shardFor(List.of(id))).as(node + " holds id " + id)
                            .isEqualTo(shard);
                    rows++;
                    sumK += r.getLong(2);
                }
            }
        }
        assertThat(new long[] {rows, sumK}).as(table + " rows and SUM(k) of the physical tables")
                .containsExactly(logical);
    }

    private static long[] longs(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }
}
