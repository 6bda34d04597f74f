package io.shardgate.bench;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardingRules;
import io.shardgate.planner.QueryPlanner;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.parse.Dialect;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parse + analyze + route + rewrite of typical statements, with the analysis cache warm ({@code cached}) and
 * with no cache at all ({@code uncached}: every call parses with Calcite). Literal values vary per call so the
 * cached case goes through literal normalization, as real traffic does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    private static final String CONFIG = """
            dataSources:
              ds0: { primary: { url: "jdbc:mariadb://127.0.0.1:1/s0", user: root } }
              ds1: { primary: { url: "jdbc:mariadb://127.0.0.1:1/s1", user: root } }
            tables:
              orders:
                shardKey: user_id
                algorithm: { type: hash }
                nodes: [ds0.orders_0, ds0.orders_1, ds1.orders_2, ds1.orders_3]
            """;

    @Param({"cached", "uncached"})
    public String cache;

    private QueryPlanner planner;
    private long key;

    @Setup
    public void setUp() {
        ShardingRules rules = ConfigLoader.load(CONFIG, "benchmark.yaml").rules();
        planner = new QueryPlanner(rules, Dialect.MYSQL, cache.equals("cached") ? 10_000 : 0);
    }

    @Benchmark
    public RoutePlan pointSelectWithLiteral() {
        key++;
        return planner.plan("SELECT id, amount, note FROM orders WHERE user_id = " + (key & 1023), List.of());
    }

    @Benchmark
    public RoutePlan pointSelectWithMarker() {
        key++;
        return planner.plan("SELECT id, amount, note FROM orders WHERE user_id = ?", List.of(key & 1023));
    }

    @Benchmark
    public RoutePlan inList() {
        key++;
        return planner.plan("SELECT id, amount FROM orders WHERE user_id IN (?, ?, ?, ?, ?)",
                List.of(key, key + 1, key + 2, key + 3, key + 4));
    }

    @Benchmark
    public RoutePlan scatterOrderByLimit() {
        key++;
        return planner.plan("SELECT id, amount FROM orders WHERE amount > ? ORDER BY amount DESC LIMIT 10, 20",
                List.of(key & 127));
    }
}
