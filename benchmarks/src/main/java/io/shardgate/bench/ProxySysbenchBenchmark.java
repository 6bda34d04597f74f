package io.shardgate.bench;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * sysbench through the Shardgate proxy versus straight to MariaDB, in one run on one machine, reported as the
 * fraction of direct QPS. Three MariaDB servers are started by the test harness:
 * <ul>
 *   <li>{@code direct}: one server holding {@code sbtest1..N}, which sysbench reaches without the proxy;</li>
 *   <li>{@code proxy, 1 shard}: the proxy over that same server and tables, each table a single-node sharded table,
 *       so the difference to direct is the proxy's own cost;</li>
 *   <li>{@code proxy, 2 shards/1 server}: each table hash-sharded by {@code id} into 2 data sources x 2 tables,
 *       the data sources being two more databases on the direct server: the proxy's cost with sharded routing,
 *       on the same server processes as direct;</li>
 *   <li>{@code proxy, 2 shards/2 servers}: the same rules over two more servers, so a query wakes one more server
 *       process on the same cores than direct does;</li>
 *   <li>{@code HAProxy 1 hop, no SQL}: HAProxy in TCP mode in front of the direct server, where installed: the cost
 *       of the extra hop alone, for reference.</li>
 * </ul>
 * The sharded tables are filled by {@code sysbench prepare} through their proxy.
 * The proxies run in this JVM, reach the shards with server-side prepared statements (as sysbench reaches the
 * direct server) and are warmed up with every test before anything is measured. Each round runs every test on every
 * target in turn; the best round counts, since on a shared machine noise only ever lowers a figure.
 *
 * <p>Usage: {@code java -cp benchmarks/target/shardgate-benchmarks.jar io.shardgate.bench.ProxySysbenchBenchmark
 * [threads=4] [seconds=20] [tableSize=10000] [rounds=2] [tests=oltp_point_select,oltp_read_only]}, or {@code benchmarks/run-sysbench.sh}, which builds first.
 */
public final class ProxySysbenchBenchmark {
    private static final List<String> ALL_TESTS = List.of("oltp_point_select", "oltp_read_only");
    private static final int TABLES = 2;
    private static final int WARMUP_SECONDS = 15;

    private final int threads;
    private final int seconds;
    private final int tableSize;
    private final int rounds;
    private final List<String> tests;

    private ProxySysbenchBenchmark(int threads, int seconds, int tableSize, int rounds, List<String> tests) {
        this.threads = threads;
        this.seconds = seconds;
        this.tableSize = tableSize;
        this.rounds = rounds;
        this.tests = tests;
    }

    public static void main(String[] args) throws Exception {
        List<String> tests = args.length > 4 ? List.of(args[4].split(",")) : ALL_TESTS;
        new ProxySysbenchBenchmark(arg(args, 0, 4), arg(args, 1, 20), arg(args, 2, 10_000), arg(args, 3, 2), tests)
                .run();
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** One endpoint sysbench talks to; {@code proxy} marks the ones whose CPU this JVM spends. */
    /** @param proxy the proxy behind the target, null for the others */
    private record Target(String name, Sysbench sysbench, Proxy proxy) {
    }

    private void run() throws Exception {
        MariaDbServer direct = new MariaDbServer("sysbench-direct");
        MariaDbServer shard0 = new MariaDbServer("sysbench-shard0");
        MariaDbServer shard1 = new MariaDbServer("sysbench-shard1");
        try (direct; shard0; shard1) {
            DatabaseServer.startAll(direct, shard0, shard1);
            for (MariaDbServer server : List.of(direct, shard0, shard1)) {
                server.createDatabase("sbtest");
            }
            direct.createDatabase("sbtest_s0");
            direct.createDatabase("sbtest_s1");
            Path dir = Files.createTempDirectory("shardgate-sysbench");
            dir.toFile().deleteOnExit(); // after the configurations, which are registered later
            StringBuilder oneShard = new StringBuilder("dataSources:\n  ds0: " + dataSource(direct, "sbtest")
                    + "\ntables:\n");
            StringBuilder twoShards = new StringBuilder("dataSources:\n  ds0: " + dataSource(shard0, "sbtest")
                    + "\n  ds1: " + dataSource(shard1, "sbtest") + "\ntables:\n");
            StringBuilder twoShardsOneServer = new StringBuilder("dataSources:\n  ds0: "
                    + dataSource(direct, "sbtest_s0") + "\n  ds1: " + dataSource(direct, "sbtest_s1") + "\ntables:\n");
            for (int t = 1; t <= TABLES; t++) {
                oneShard.append("  sbtest").append(t).append(": { shardKey: id, algorithm: hash, nodes: [ds0.sbtest")
                        .append(t).append("] }\n");
                String sharded = "  sbtest" + t + ": { shardKey: id, algorithm: hash, nodes: \"ds${0..1}.sbtest" + t
                        + "_${0..1}\" }\n";
                twoShards.append(sharded);
                twoShardsOneServer.append(sharded);
            }
            try (Proxy proxy1 = startProxy(dir.resolve("one-shard.yaml"), oneShard.toString());
                 Proxy proxy2local = startProxy(dir.resolve("two-shards-one-server.yaml"),
                         twoShardsOneServer.toString());
                 Proxy proxy2 = startProxy(dir.resolve("two-shards.yaml"), twoShards.toString())) {
                Optional<TcpForwarder> forwarder = TcpForwarder.start(direct.port(), dir);
                try {
                    List<Target> targets = new ArrayList<>(List.of(
                            new Target("direct", new Sysbench(direct.port(), TABLES, tableSize), null),
                            new Target("proxy, 1 shard", new Sysbench(proxy1.port(), TABLES, tableSize), proxy1),
                            new Target("proxy, 2 shards/1 server", new Sysbench(proxy2local.port(), TABLES,
                                    tableSize), proxy2local),
                            new Target("proxy, 2 shards/2 servers", new Sysbench(proxy2.port(), TABLES, tableSize),
                                    proxy2)));
                    targets.get(0).sysbench().prepare();
                    targets.get(2).sysbench().prepare();
                    targets.get(3).sysbench().prepare();
                    for (Target target : targets.subList(1, targets.size())) {
                        for (String test : tests) {
                            target.sysbench().run(test, threads, WARMUP_SECONDS); // until the JIT compiled the path
                        }
                    }
                    forwarder.ifPresentOrElse(f -> targets.add(new Target("HAProxy 1 hop, no SQL",
                                    new Sysbench(f.port(), TABLES, tableSize), null)),
                            () -> System.out.println("haproxy not installed: no TCP-forwarder reference"));
                    report(targets, measure(targets));
                } finally {
                    if (forwarder.isPresent()) {
                        forwarder.get().close();
                    }
                }
            }
        }
    }

    /**
     * Server-side prepared statements to the shards, as sysbench itself uses against MariaDB: MariaDB Connector/J
     * then keeps each statement prepared per pooled connection, and the server skips parsing it again.
     */
    private String dataSource(MariaDbServer server, String database) {
        return "{ primary: { url: \"" + server.jdbcUrl(database) + "?useServerPrepStmts=true\", user: root, "
                + "password: \"\" }, pool: { maxSize: " + threads * 2 + " } }";
    }

    private static Proxy startProxy(Path config, String yaml) throws Exception {
        Files.writeString(config, yaml);
        config.toFile().deleteOnExit();
        return Proxy.start(ProxyOptions.parse("--port", "0", "--schema", "sbtest", "--config", config.toString()));
    }

    /**
     * Best QPS per test and target, this JVM's CPU per query in that run (the proxy's cost) and the share of the
     * queries the proxy answered by pass-through.
     */
    private record Figure(double qps, double cpuMicrosPerQuery, double passedThrough, List<Double> allQps) {
    }

    private Map<String, Map<Target, Figure>> measure(List<Target> targets) throws Exception {
        Map<String, Map<Target, Figure>> figures = new LinkedHashMap<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            for (String test : tests) {
                for (Target target : targets) {
                    long cpuBefore = os.getProcessCpuTime();
                    long passedBefore = target.proxy() == null ? 0 : target.proxy().passedThrough();
                    Sysbench.Result result = target.sysbench().run(test, threads, seconds);
                    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1000.0 / Math.max(1, result.queries());
                    double passed = target.proxy() == null ? 0
                            : (target.proxy().passedThrough() - passedBefore) / (double) Math.max(1, result.queries());
                    if (result.errors() != 0) {
                        throw new IllegalStateException(target.name() + ": " + test + " reported errors:\n"
                                + result.output());
                    }
                    figures.computeIfAbsent(test, k -> new LinkedHashMap<>()).merge(target,
                            new Figure(result.qps(), cpu, passed, List.of(result.qps())), ProxySysbenchBenchmark::better);
                    System.out.printf(Locale.ROOT, "round %d  %-18s %-26s %10.0f qps%n", round + 1, test,
                            target.name(), result.qps());
                }
            }
        }
        return figures;
    }

    private static Figure better(Figure a, Figure b) {
        List<Double> all = new ArrayList<>(a.allQps());
        all.addAll(b.allQps());
        Figure best = a.qps() >= b.qps() ? a : b;
        return new Figure(best.qps(), best.cpuMicrosPerQuery(), best.passedThrough(), all);
    }

    private void report(List<Target> targets, Map<String, Map<Target, Figure>> figures) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "%s; %d threads, %d s per run, %d rows x %d tables, %d rounds: qps and ratio "
                        + "of the best round, median of the per-round ratios to direct%n",
                machine(), threads, seconds, tableSize, TABLES, rounds);
        System.out.printf(Locale.ROOT, "%-18s %-26s %10s %8s %13s %16s %8s   %s%n", "test", "target", "qps", "ratio",
                "median ratio", "proxy CPU us/q", "relayed", "runs");
        for (var test : figures.entrySet()) {
            Figure directFigure = test.getValue().get(targets.get(0));
            double direct = directFigure.qps();
            for (var row : test.getValue().entrySet()) {
                Figure f = row.getValue();
                boolean proxy = row.getKey().proxy() != null;
                System.out.printf(Locale.ROOT, "%-18s %-26s %10.0f %8.2f %13.2f %16s %8s   %s%n", test.getKey(),
                        row.getKey().name(), f.qps(), f.qps() / direct, medianRatio(f, directFigure),
                        proxy ? String.format(Locale.ROOT, "%.1f", f.cpuMicrosPerQuery()) : "-",
                        proxy ? String.format(Locale.ROOT, "%.0f%%", 100 * f.passedThrough()) : "-",
                        f.allQps().stream().map(q -> String.format(Locale.ROOT, "%.0f", q)).toList());
            }
        }
        System.out.println();
        System.out.println("each run: " + String.join(" ", targets.get(0).sysbench().runCommand("<test>", threads,
                seconds)) + ", with the port of each target");
    }

    /**
     * The median over rounds of the target's QPS divided by direct's in the same round: direct moves by 10 % and
     * more between runs on a small virtual machine, and a round measures both within a minute or two.
     */
    private static double medianRatio(Figure target, Figure direct) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < target.allQps().size(); i++) {
            ratios.add(target.allQps().get(i) / direct.allQps().get(i));
        }
        ratios.sort(null);
        int n = ratios.size();
        return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    }

    private static String machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java "
                + System.getProperty("java.version");
    }
}
