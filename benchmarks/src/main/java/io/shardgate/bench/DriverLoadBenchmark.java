package io.shardgate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.TableRule;
import io.shardgate.testing.MariaDbServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JDBC load through the Shardgate driver versus MySQL Connector/J + HikariCP straight to a shard, in the same
 * run on the same servers, reported as a ratio. Two MariaDB servers (started by the test harness) hold a table
 * sharded by hash into 4 physical tables. "Direct" runs the equivalent statement on the physical table that
 * holds each key; "shardgate" runs the logical statement through {@code jdbc:shardgate:}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/shardgate-benchmarks.jar io.shardgate.bench.DriverLoadBenchmark
 * [threads=4] [seconds=10] [rows=100000]}
 */
public final class DriverLoadBenchmark {

    private final int threads;
    private final int seconds;
    private final int rows;

    private DriverLoadBenchmark(int threads, int seconds, int rows) {
        this.threads = threads;
        this.seconds = seconds;
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        new DriverLoadBenchmark(threads, seconds, rows).run();
    }

    /** One statement shape executed by a worker: a JDBC connection, a key, and a counter for unique ids. */
    @FunctionalInterface
    private interface Operation {
        void run(Connection c, long key, long unique) throws SQLException;
    }

    private void run() throws Exception {
        try (MariaDbServer s0 = new MariaDbServer("bench-ds0").start();
             MariaDbServer s1 = new MariaDbServer("bench-ds1").start()) {
            s0.createDatabase("bench");
            s1.createDatabase("bench");
            Path dir = Files.createTempDirectory("shardgate-bench");
            Path yaml = dir.resolve("shardgate.yaml");
            Files.writeString(yaml, """
                    dataSources:
                      ds0: { primary: { url: "%s", user: %s, password: "%s" }, pool: { maxSize: %d } }
                      ds1: { primary: { url: "%s", user: %s, password: "%s" }, pool: { maxSize: %d } }
                    tables:
                      accounts: { shardKey: id, algorithm: hash, nodes: "ds${0..1}.accounts_${0..1}" }
                    """.formatted(connectorJ(s0), s0.user(), s0.password(), threads,
                    connectorJ(s1), s1.user(), s1.password(), threads));
            TableRule rule = ConfigLoader.load(yaml).rules().table("accounts").orElseThrow();
            String url = "jdbc:shardgate:" + yaml;
            load(url);
            List<HikariDataSource> direct = List.of(pool(s0, "bench-direct-ds0"), pool(s1, "bench-direct-ds1"));
            try (Connection warm = DriverManager.getConnection(url)) {
                System.out.printf(Locale.ROOT, "%d threads, %d s per phase, %d rows, 2 MariaDB servers x 2 tables%n",
                        threads, seconds, rows);
                List<String> report = new ArrayList<>();
                report.add(compare("point select", direct, url, rule,
                        (c, key, u) -> select(c, "SELECT id, balance, owner FROM %s WHERE id = ?", rule, key, true),
                        (c, key, u) -> select(c, "SELECT id, balance, owner FROM accounts WHERE id = ?", rule, key,
                                false)));
                report.add(compare("insert", direct, url, rule,
                        (c, key, u) -> insert(c, "INSERT INTO %s (id, balance, owner) VALUES (?, 0, 'bench')", rule,
                                rows + u, true),
                        (c, key, u) -> insert(c, "INSERT INTO accounts (id, balance, owner) VALUES (?, 0, 'bench')",
                                rule, rows + u, false)));
                System.out.println();
                report.forEach(System.out::println);
            } finally {
                direct.forEach(HikariDataSource::close);
            }
        }
    }

    private void load(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2) NOT NULL, owner VARCHAR(40))");
            StringBuilder sb = new StringBuilder();
            for (int id = 0; id < rows; id++) {
                sb.append(sb.length() == 0 ? "INSERT INTO accounts (id, balance, owner) VALUES " : ", ")
                        .append('(').append(id).append(", ").append(id % 1000).append(".50, 'owner").append(id % 97)
                        .append("')");
                if (id % 500 == 499 || id == rows - 1) {
                    s.execute(sb.toString());
                    sb.setLength(0);
                }
            }
        }
    }

    private HikariDataSource pool(MariaDbServer server, String name) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(connectorJ(server));
        hc.setUsername(server.user());
        hc.setPassword(server.password());
        hc.setMaximumPoolSize(threads);
        hc.setPoolName(name);
        return new HikariDataSource(hc);
    }

    /** Both sides use MySQL Connector/J, so the comparison measures Shardgate and nothing else. */
    private static String connectorJ(MariaDbServer server) {
        return server.jdbcUrl("bench").replace("jdbc:mariadb:", "jdbc:mysql:");
    }

    private static void select(Connection c, String sql, TableRule rule, long key, boolean physical)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(physical ? sql.formatted(table(rule, key)) : sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("row " + key + " missing");
                }
            }
        }
    }

    private static void insert(Connection c, String sql, TableRule rule, long id, boolean physical)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(physical ? sql.formatted(table(rule, id)) : sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static String table(TableRule rule, long key) {
        return rule.nodes().get(rule.algorithm().shardFor(List.of(key))).physicalTable();
    }

    private static int shardServer(TableRule rule, long key) {
        return rule.nodes().get(rule.algorithm().shardFor(List.of(key))).dataSource().equals("ds0") ? 0 : 1;
    }

    private String compare(String name, List<HikariDataSource> direct, String url, TableRule rule,
                           Operation directOp, Operation shardgateOp) throws Exception {
        AtomicLong unique = new AtomicLong();
        WorkerFactory viaDirect = () -> {
            Connection[] perServer = {direct.get(0).getConnection(), direct.get(1).getConnection()};
            return new Worker((key, u) -> directOp.run(perServer[shardServer(rule, key)], key, u), perServer);
        };
        WorkerFactory viaShardgate = () -> {
            Connection c = DriverManager.getConnection(url);
            return new Worker((key, u) -> shardgateOp.run(c, key, u), new Connection[] {c});
        };
        double d1 = measure(viaDirect, unique);
        double s1 = measure(viaShardgate, unique);
        double d2 = measure(viaDirect, unique);
        double s2 = measure(viaShardgate, unique);
        double d = Math.max(d1, d2);
        double s = Math.max(s1, s2);
        return String.format(Locale.ROOT, "%-13s direct %9.0f ops/s   shardgate %9.0f ops/s   ratio %.2f "
                + "(runs: direct %.0f/%.0f, shardgate %.0f/%.0f)", name, d, s, s / d, d1, d2, s1, s2);
    }

    /** What one thread runs per operation, and the connections it holds for the whole phase. */
    private record Worker(KeyedOperation operation, Connection[] held) {
    }

    @FunctionalInterface
    private interface KeyedOperation {
        void run(long key, long unique) throws SQLException;
    }

    @FunctionalInterface
    private interface WorkerFactory {
        Worker open() throws SQLException;
    }

    /**
     * Operations per second over {@code seconds} with {@code threads} workers, after a one-second warm-up. Each
     * worker holds its connections for the phase: direct workers one per server, Shardgate workers one logical
     * connection (the driver borrows a shard connection from its own pool per statement).
     */
    private double measure(WorkerFactory factory, AtomicLong unique) throws Exception {
        AtomicLong done = new AtomicLong();
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker worker = factory.open();
            long seed = 1 + t;
            Thread w = new Thread(() -> {
                long x = seed * 0x9E3779B97F4A7C15L;
                try {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                        worker.operation().run(Math.floorMod(x, (long) rows), unique.incrementAndGet());
                        if (now >= warmupEnd) {
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    for (Connection c : worker.held()) {
                        try {
                            c.close();
                        } catch (SQLException ignored) {
                            // closing after the phase; nothing left to measure
                        }
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("benchmark worker failed", errors.get(0));
        }
        return done.get() / (double) seconds;
    }
}
