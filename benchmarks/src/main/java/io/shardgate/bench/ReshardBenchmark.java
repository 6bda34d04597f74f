package io.shardgate.bench;

import io.shardgate.jdbc.ShardgateDriver;
import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resharding tool on real MariaDB servers started by the test harness (A: source, B: target), in one run:
 * <ol>
 *   <li>copy throughput: {@code rows} orders on A are moved to B by {@code mariadb-dump --single-transaction | mariadb}
 *       and, in the same run, by {@code shardgate-reshard start --until-caught-up} (a relocation of the one-shard
 *       table from A to B: the tool copies exactly the rows the dump carries), at two chunk sizes, in
 *       {@code copyRounds} interleaved rounds; reported as rows per second and as the tool's ratio to the dump of
 *       the same round;</li>
 *   <li>write pauses: {@code cycles} cutover + rollback pairs of a smaller orders table while writer threads write
 *       through {@code jdbc:shardgate:} (a router registered with the metadata store); reported as the distribution
 *       of the tool's pause (hold to publication), the router's held-writes time and the longest application
 *       write around each switch.</li>
 * </ol>
 * The tool runs as an operator runs it, {@code java -jar shardgate-reshard.jar}, in a child JVM.
 *
 * <p>Usage: {@code java -cp benchmarks/target/shardgate-benchmarks.jar io.shardgate.bench.ReshardBenchmark
 * [rows=1000000] [cycles=20] [cycleRows=10000] [writers=4] [copyRounds=2]}, or {@code benchmarks/run-reshard.sh}, which builds
 * first. {@code -Dshardgate.reshard.jar=PATH} names the tool's jar (default
 * {@code resharding-tool/target/shardgate-reshard.jar}).
 */
public final class ReshardBenchmark {
    private static final int[] CHUNK_SIZES = {1000, 5000};
    /** A switch aborts when the stream cannot drain within the hold timeout, likelier on a loaded machine. */
    private static final int MAX_RETRIES = 3;
    private static final Pattern PAUSE = Pattern.compile("write pause: (\\d+) ms");
    private static final Pattern HELD = Pattern.compile("held writes (\\d+) ms");
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d+) ", Pattern.MULTILINE);

    private final int rows;
    private final int cycles;
    private final int cycleRows;
    private final int writers;
    private final int rounds;
    private final ReshardTool tool;
    private final Path dir;

    private ReshardBenchmark(int rows, int cycles, int cycleRows, int writers, int rounds, ReshardTool tool,
                             Path dir) {
        this.rows = rows;
        this.cycles = cycles;
        this.cycleRows = cycleRows;
        this.writers = writers;
        this.rounds = rounds;
        this.tool = tool;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("shardgate-reshard-bench");
        Path jar = Path.of(System.getProperty("shardgate.reshard.jar", "resharding-tool/target/shardgate-reshard.jar"));
        new ReshardBenchmark(arg(args, 0, 1_000_000), arg(args, 1, 20), arg(args, 2, 10_000), arg(args, 3, 4),
                arg(args, 4, 2), new ReshardTool(jar, dir), dir).run();
        System.exit(0); // the driver's engine keeps non-daemon threads for the metadata store
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private void run() throws Exception {
        System.out.println("machine: " + machine() + "; load average at start "
                + loadAverage() + "; tool output in " + dir);
        MariaDbServer a = server("reshard-bench-a", 11);
        MariaDbServer b = server("reshard-bench-b", 12);
        try (a; b) {
            DatabaseServer.startAll(a, b);
            System.out.println("MariaDB " + query(a, "", "SELECT VERSION()") + ", binlog " + query(a, "",
                    "SELECT @@log_bin") + " " + query(a, "", "SELECT @@binlog_format") + ", buffer pool "
                    + Long.parseLong(query(a, "", "SELECT @@innodb_buffer_pool_size")) / (1 << 20) + " MiB");
            copyThroughput(a, b);
            System.out.println("load average after the copies: " + loadAverage());
            switchPauses(a, b);
            System.out.println("load average at the end: " + loadAverage());
        }
    }

    /** Binlog on (ROW, as the tool needs) and room for a million rows in memory, the same on both servers. */
    private static MariaDbServer server(String name, int serverId) {
        MariaDbServer server = new MariaDbServer(name);
        server.withServerOption("log-bin", "mariadb-bin");
        server.withServerOption("binlog-format", "ROW");
        server.withServerOption("server-id", Integer.toString(serverId));
        server.withServerOption("innodb-buffer-pool-size", "512M");
        server.withServerOption("innodb-log-file-size", "256M");
        return server;
    }

    private void copyThroughput(MariaDbServer a, MariaDbServer b) throws Exception {
        a.createDatabase("copy_src");
        a.createDatabase("copy_meta");
        b.createDatabase("dump_dst");
        b.createDatabase("tool_dst");
        long loadStart = System.nanoTime();
        createOrders(a, "copy_src", rows);
        System.out.printf(Locale.ROOT, "loaded %,d rows on A in %.1f s (%s MiB of data and indexes)%n", rows,
                (System.nanoTime() - loadStart) / 1e9, query(a, "copy_src", "SELECT ROUND((DATA_LENGTH + "
                        + "INDEX_LENGTH) / 1048576) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'copy_src' "
                        + "AND TABLE_NAME = 'orders'"));

        Path current = dir.resolve("copy-current.yaml");
        Path target = dir.resolve("copy-target.yaml");
        Files.writeString(current, "dataSources:\n  ds0: " + dataSource(a, "copy_src") + "\ntables:\n"
                + "  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders] }\n");
        Files.writeString(target, "dataSources:\n  ds0: " + dataSource(a, "copy_src") + "\n  ds1: "
                + dataSource(b, "tool_dst") + "\ntables:\n"
                + "  orders: { shardKey: user_id, algorithm: hash, nodes: [ds1.orders] }\n");
        String meta = a.jdbcUrl("copy_meta") + "?user=root";
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round + " (load " + loadAverage() + ")");
            b.execute("dump_dst", "DROP TABLE IF EXISTS orders");
            long dumpMillis = dump(a, "copy_src", b, "dump_dst");
            expectRows(b, "dump_dst", "orders", rows);
            report("mariadb-dump --single-transaction | mariadb", dumpMillis, dumpMillis);
            for (int chunk : CHUNK_SIZES) {
                String workflow = "copy" + chunk + "r" + round;
                tool.run(300, "plan", "--from", current.toString(), "--to", target.toString(), "--workflow",
                        workflow, "--meta", meta, "--no-estimates");
                ReshardTool.Run start = tool.run(3600, "start", "--workflow", workflow, "--meta", meta,
                        "--chunk-size", Integer.toString(chunk), "--until-caught-up");
                expectRows(b, "tool_dst", "orders", rows);
                long copyMillis = between(start.output(), "copying ds0.orders from its first row",
                        "copied ds0.orders");
                report("shardgate-reshard start --chunk-size " + chunk, start.millis(), copyMillis);
                System.out.printf(Locale.ROOT, "  ratio to the dump: %.2f (whole command), %.2f (copy phase)%n",
                        (double) dumpMillis / start.millis(), (double) dumpMillis / copyMillis);
                tool.run(300, "cancel", "--workflow", workflow, "--meta", meta); // drops ds1.orders for the next
            }
        }
    }

    private void report(String what, long wallMillis, long copyMillis) {
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.1f s wall = %,.0f rows/s; copy phase %.1f s = %,.0f rows/s%n",
                what, rows, wallMillis / 1e3, rows * 1000.0 / wallMillis, copyMillis / 1e3,
                rows * 1000.0 / copyMillis);
    }

    /** {@code mariadb-dump | mariadb} of one table, wall time in ms. */
    private static long dump(MariaDbServer from, String fromDb, MariaDbServer to, String toDb) throws Exception {
        String command = "set -o pipefail; mariadb-dump --host=127.0.0.1 --port=" + from.port() + " --user=root "
                + "--single-transaction --quick " + fromDb + " orders | mariadb --host=127.0.0.1 --port="
                + to.port() + " --user=root " + toDb;
        long began = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed:\n" + output);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    private void switchPauses(MariaDbServer a, MariaDbServer b) throws Exception {
        a.createDatabase("cycle_src");
        a.createDatabase("cycle_meta");
        b.createDatabase("cycle_dst");
        createOrders(a, "cycle_src", cycleRows);
        String props = "props:\n  metadataStore: { url: \"" + a.jdbcUrl("cycle_meta") + "\", user: root }\n";
        Path current = dir.resolve("cycle-current.yaml");
        Files.writeString(current, "dataSources:\n  ds0: " + dataSource(a, "cycle_src") + "\ntables:\n"
                + "  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders] }\n" + props);
        String meta = a.jdbcUrl("cycle_meta") + "?user=root";
        String url = "jdbc:shardgate:" + current;
        Distribution pause = new Distribution();
        Distribution held = new Distribution();
        Distribution longest = new Distribution();
        List<String> lines = new ArrayList<>();
        int missingHolds = 0;
        List<String> aborted = new ArrayList<>();
        long writesBefore;
        long began;
        SwitchWriters writing = new SwitchWriters(url, cycleRows, writers);
        try {
            writing.start();
            Thread.sleep(2_000);
            writesBefore = writing.writes();
            began = System.nanoTime();
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Path target = dir.resolve("cycle-target-" + cycle + ".yaml");
                Files.writeString(target, "dataSources:\n  ds0: " + dataSource(a, "cycle_src") + "\n  ds1: "
                        + dataSource(b, "cycle_dst") + "\ntables:\n"
                        + "  orders: { shardKey: user_id, algorithm: hash, nodes: [ds1.orders_" + cycle + "] }\n"
                        + props);
                String workflow = "cycle" + cycle;
                tool.run(300, "plan", "--from", current.toString(), "--to", target.toString(), "--workflow",
                        workflow, "--meta", meta, "--no-estimates");
                ReshardTool.Background start = tool.start("start", "--workflow", workflow, "--meta", meta);
                start.awaitOutput("streaming changes of", 300);
                Thread.sleep(500);
                StringBuilder line = new StringBuilder("cycle " + cycle + ":");
                for (String kind : List.of("cutover", "rollback")) {
                    writing.takeLongestMillis();
                    ReshardTool.Run run = tool.attempt(300, kind, "--workflow", workflow, "--meta", meta,
                            "--timeout", "5s", "--catch-up-timeout", "60s");
                    for (int retry = 1; run.exit() == 1 && retry <= MAX_RETRIES; retry++) {
                        aborted.add(workflow + " " + kind + ": " + lastLine(run.output()));
                        System.out.println("  " + kind + " of " + workflow + " aborted (" + lastLine(run.output())
                                + "); trying again");
                        run = tool.attempt(300, kind, "--workflow", workflow, "--meta", meta,
                                "--timeout", "5s", "--catch-up-timeout", "60s");
                    }
                    if (run.exit() != 0) {
                        throw new IllegalStateException(kind + " of " + workflow + " exited " + run.exit() + ":\n"
                                + run.output());
                    }
                    Thread.sleep(1_000); // writes held at the release finish
                    long app = writing.takeLongestMillis();
                    long toolPause = first(PAUSE, run.output());
                    pause.add(toolPause);
                    longest.add(app);
                    Matcher holds = HELD.matcher(run.output());
                    boolean any = false;
                    while (holds.find()) {
                        held.add(Long.parseLong(holds.group(1)));
                        any = true;
                    }
                    missingHolds += any ? 0 : 1;
                    line.append(String.format(Locale.ROOT, " %s pause %d ms, longest write %d ms;", kind, toolPause,
                            app));
                }
                if (!start.process().waitFor(60, TimeUnit.SECONDS)) {
                    start.process().destroy();
                    throw new IllegalStateException("start of " + workflow + " did not end after the rollback:\n"
                            + start.output());
                }
                b.execute("cycle_dst", "DROP TABLE orders_" + cycle); // fenced since the rollback
                lines.add(line.toString());
                System.out.println(line + " load " + loadAverage());
            }
        } finally {
            writing.close();
            ShardgateDriver.closeEngine(url);
        }
        System.out.printf(Locale.ROOT, "%n%d cutover + rollback cycles, %,d rows, %d writers through the driver: "
                        + "%,d acknowledged writes (%,.0f per second), %d failed%s%n", cycles, cycleRows, writers,
                writing.writes(), (writing.writes() - writesBefore) * 1e9 / (System.nanoTime() - began),
                writing.failures().size(), writing.failures().isEmpty() ? "" : " (first: "
                        + writing.failures().get(0) + ")");
        System.out.println(Distribution.header());
        System.out.println(pause.row("tool: hold to publication"));
        System.out.println(held.row("router: held writes"));
        System.out.println(longest.row("application: longest write"));
        System.out.println(aborted.size() + " switch attempts aborted and were run again"
                + (aborted.isEmpty() ? "" : ": " + String.join("; ", aborted)));
        if (missingHolds > 0) {
            System.out.println(missingHolds + " switches reported no router hold in time");
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static long first(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no '" + pattern + "' in:\n" + output);
        }
        return Long.parseLong(m.group(1));
    }

    /** Milliseconds between the log lines containing {@code from} and {@code to} (the tool stamps each line). */
    private static long between(String output, String from, String to) {
        return Duration.between(stamp(output, from), stamp(output, to)).toMillis();
    }

    private static LocalTime stamp(String output, String text) {
        for (String line : output.split("\n")) {
            Matcher m = LOG_TIME.matcher(line);
            if (line.contains(text) && m.find()) {
                return LocalTime.parse(m.group(1));
            }
        }
        throw new IllegalStateException("no line with '" + text + "' in:\n" + output);
    }

    private static String dataSource(MariaDbServer server, String database) {
        return "{ primary: { url: \"" + server.jdbcUrl(database) + "\", user: root } }";
    }

    private static void createOrders(MariaDbServer server, String database, int count) throws SQLException {
        try (Connection connection = server.connection(database); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE orders (
                      id BIGINT NOT NULL PRIMARY KEY,
                      user_id BIGINT NOT NULL,
                      amount DECIMAL(12,2) NOT NULL,
                      note VARCHAR(100) NULL,
                      created_at DATETIME(3) NOT NULL,
                      KEY by_user (user_id)
                    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
            statement.execute("INSERT INTO orders SELECT seq, seq * 7, (seq * 37 % 100000) / 100, "
                    + "IF(seq % 10 = 0, NULL, CONCAT('order ', seq, ' é')), "
                    + "TIMESTAMP'2024-01-01 00:00:00.123' + INTERVAL seq SECOND FROM seq_1_to_" + count);
            statement.execute("ANALYZE TABLE orders");
        }
    }

    private static void expectRows(MariaDbServer server, String database, String table, long expected)
            throws SQLException {
        long actual = Long.parseLong(query(server, database, "SELECT COUNT(*) FROM " + table));
        if (actual != expected) {
            throw new IllegalStateException(database + "." + table + " holds " + actual + " rows, not " + expected);
        }
    }

    private static String query(MariaDbServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connection(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String machine() throws java.io.IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java "
                + System.getProperty("java.version");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
