package io.shardgate.route;

import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.planner.QueryPlanner;
import io.shardgate.sql.parse.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random WHERE clauses over the shard key (=, IN, BETWEEN, <, <=, >, >=, NOT, <>, AND, OR, with literals and
 * markers), the route must include the shard of every key that satisfies the clause: pruning may keep too many
 * shards, never too few.
 */
class RoutePruningPropertyTest {

    private static final ShardingRules RULES = RoutingFixture.rules();

    @ParameterizedTest
    @ValueSource(strings = {"orders", "users", "events"})
    void pruningNeverDropsAShardHoldingAMatchingKey(String table) {
        TableRule rule = RULES.table(table).orElseThrow();
        String key = rule.shardColumns().get(0);
        QueryPlanner planner = new QueryPlanner(RULES, Dialect.MYSQL);
        Random random = new Random(table.hashCode());
        for (int i = 0; i < 500; i++) {
            List<Object> params = new ArrayList<>();
            Condition c = condition(random, key, params, 3);
            String sql = "SELECT * FROM " + table + " WHERE " + c.sql;
            RoutePlan plan = planner.plan(sql, params);
            Set<DataNode> routed = new HashSet<>();
            for (ExecutionUnit u : plan.units()) {
                for (DataNode n : rule.nodes()) {
                    if (n.dataSource().equals(u.dataSource()) && u.sql().contains(" " + n.physicalTable() + " ")) {
                        routed.add(n);
                    }
                }
            }
            for (long k = -50; k < 30050; k += 1 + random.nextInt(97)) {
                if (c.matches.test(k) && ownedBySomeShard(rule, k)) {
                    DataNode home = rule.nodes().get(rule.algorithm().shardFor(List.of(k)));
                    assertThat(routed).as("%s with %s: key %d lives on %s", sql, params, k, home).contains(home);
                }
            }
        }
    }

    private static boolean ownedBySomeShard(TableRule rule, long k) {
        try {
            rule.algorithm().shardFor(List.of(k));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private record Condition(String sql, LongPredicate matches) {
    }

    private static Condition condition(Random r, String key, List<Object> params, int depth) {
        int pick = depth == 0 ? r.nextInt(6) : r.nextInt(9);
        long a = value(r);
        long b = value(r);
        switch (pick) {
            case 0:
                return new Condition(key + " = " + lit(r, a, params), k -> k == a);
            case 1: {
                long c = value(r);
                return new Condition(key + " IN (" + lit(r, a, params) + ", " + lit(r, b, params) + ", "
                        + lit(r, c, params) + ")", k -> k == a || k == b || k == c);
            }
            case 2: {
                long lo = Math.min(a, b);
                long hi = Math.max(a, b);
                return new Condition(key + " BETWEEN " + lit(r, lo, params) + " AND " + lit(r, hi, params),
                        k -> k >= lo && k <= hi);
            }
            case 3:
                return r.nextBoolean() ? new Condition(key + " < " + lit(r, a, params), k -> k < a)
                        : new Condition(lit(r, a, params) + " > " + key, k -> k < a);
            case 4:
                return r.nextBoolean() ? new Condition(key + " >= " + lit(r, a, params), k -> k >= a)
                        : new Condition(key + " <= " + lit(r, a, params), k -> k <= a);
            case 5:
                return new Condition(key + " <> " + lit(r, a, params), k -> k != a);
            case 6: {
                Condition x = condition(r, key, params, depth - 1);
                Condition y = condition(r, key, params, depth - 1);
                return new Condition("(" + x.sql + " AND " + y.sql + ")", k -> x.matches.test(k) && y.matches.test(k));
            }
            case 7: {
                Condition x = condition(r, key, params, depth - 1);
                Condition y = condition(r, key, params, depth - 1);
                return new Condition("(" + x.sql + " OR " + y.sql + ")", k -> x.matches.test(k) || y.matches.test(k));
            }
            default: {
                Condition x = condition(r, key, params, depth - 1);
                return new Condition("NOT (" + x.sql + ")", k -> !x.matches.test(k));
            }
        }
    }

    private static long value(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(20);
            case 1 -> 9990 + r.nextInt(20);
            default -> r.nextInt(30000);
        };
    }

    /** Either a literal or a marker with the value appended to {@code params}. */
    private static String lit(Random r, long v, List<Object> params) {
        if (r.nextBoolean()) {
            params.add(v);
            return "?";
        }
        return Long.toString(v);
    }
}
