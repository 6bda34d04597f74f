package io.shardgate.route;

import io.shardgate.planner.QueryPlanner;
import io.shardgate.sql.parse.Dialect;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: SQL (+ parameters) against {@link RoutingFixture} -> route and rewritten SQL, or the refusal.
 * Each case is a block:
 * <pre>
 * sql: SELECT ...
 * params: 1, 'x', null
 * expect:
 * SINGLE_SHARD
 * ds1: SELECT ... [0]
 * </pre>
 * Run with {@code -Dgolden.update=true} to rewrite the expectations after a deliberate change, then review the diff.
 */
class GoldenRouteTest {

    private static final Path DIR = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        boolean update = Boolean.getBoolean("golden.update");
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                List<GoldenCase> cases = GoldenCase.parse(Files.readString(file, StandardCharsets.UTF_8));
                Dialect dialect = file.getFileName().toString().startsWith("pg-") ? Dialect.POSTGRESQL : Dialect.MYSQL;
                QueryPlanner planner = new QueryPlanner(RoutingFixture.rules(), dialect);
                if (update) {
                    StringBuilder out = new StringBuilder();
                    for (GoldenCase c : cases) {
                        out.append(c.render(describe(planner, c.sql(), c.params())));
                    }
                    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
                }
                for (GoldenCase c : cases) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ":" + c.line() + " " + c.sql(),
                            () -> assertThat(describe(planner, c.sql(), c.params())).isEqualTo(c.expected())));
                }
            }
        }
        return tests.stream();
    }

    static String describe(QueryPlanner planner, String sql, List<Object> params) {
        RoutePlan plan;
        try {
            plan = planner.plan(sql, params);
        } catch (RuntimeException e) {
            return "ERROR " + e.getMessage();
        }
        StringBuilder sb = new StringBuilder(plan.opcode().name());
        MergePlan m = plan.merge();
        if (!m.isConcat()) {
            sb.append(" merge:");
            if (!m.orderBy().isEmpty()) {
                sb.append(" orderBy=").append(m.orderBy().stream()
                        .map(k -> k.column() + (k.descending() ? " desc" : "")).toList());
            }
            if (m.aggregate()) {
                sb.append(" groupBy=").append(m.groupBy()).append(" aggregates=").append(m.aggregates().stream()
                        .map(a -> a.function() + "@" + a.column()
                                + (a.function() == MergePlan.Function.AVG ? "/" + a.countColumn() : "")).toList());
            }
            if (m.distinct()) {
                sb.append(" distinct");
            }
            if (m.offset() > 0) {
                sb.append(" offset=").append(m.offset());
            }
            if (m.limit() >= 0) {
                sb.append(" limit=").append(m.limit());
            }
            if (m.hiddenColumns() > 0) {
                sb.append(" hidden=").append(m.hiddenColumns());
            }
        }
        if (plan.forcePrimary()) {
            sb.append(" primary");
        }
        for (ExecutionUnit u : plan.units()) {
            sb.append('\n').append(u);
        }
        return sb.toString();
    }

    /** One case of a golden file. */
    record GoldenCase(int line, String sql, List<Object> params, String expected) {

        String render(String actual) {
            StringBuilder sb = new StringBuilder("sql: ").append(sql).append('\n');
            if (!params.isEmpty()) {
                sb.append("params: ").append(String.join(", ", params.stream().map(GoldenCase::literal).toList()))
                        .append('\n');
            }
            return sb.append("expect:\n").append(actual).append("\n\n").toString();
        }

        private static String literal(Object o) {
            return o == null ? "null" : o instanceof String s ? "'" + s + "'" : o.toString();
        }

        static List<GoldenCase> parse(String content) {
            List<GoldenCase> out = new ArrayList<>();
            String[] lines = content.split("\n", -1);
            int i = 0;
            while (i < lines.length) {
                if (!lines[i].startsWith("sql: ")) {
                    i++;
                    continue;
                }
                int line = i + 1;
                String sql = lines[i++].substring(5);
                List<Object> params = new ArrayList<>();
                if (i < lines.length && lines[i].startsWith("params: ")) {
                    for (String p : lines[i++].substring(8).split(",\\s*")) {
                        params.add(value(p.trim()));
                    }
                }
                StringBuilder expected = new StringBuilder();
                if (i < lines.length && lines[i].equals("expect:")) {
                    i++;
                    while (i < lines.length && !lines[i].isEmpty()) {
                        if (expected.length() > 0) {
                            expected.append('\n');
                        }
                        expected.append(lines[i++]);
                    }
                }
                out.add(new GoldenCase(line, sql, params, expected.toString()));
            }
            return out;
        }

        private static Object value(String p) {
            if (p.equals("null")) {
                return null;
            }
            if (p.startsWith("'")) {
                return p.substring(1, p.length() - 1);
            }
            return p.contains(".") ? new BigDecimal(p) : (Object) Long.parseLong(p);
        }
    }
}
