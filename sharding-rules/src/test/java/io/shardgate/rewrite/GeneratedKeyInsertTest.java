package io.shardgate.rewrite;

import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.config.DataNode;
import io.shardgate.config.KeyGeneratorConfig;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.planner.QueryPlanner;
import io.shardgate.route.ExecutionUnit;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.parse.Dialect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedKeyInsertTest {

    /** Sharded on the generated column itself. */
    private static final TableRule ORDERS = new TableRule("orders", List.of("id"), HashAlgorithm.evenly(4),
            List.of(new DataNode("ds0", "orders_0"), new DataNode("ds0", "orders_1"),
                    new DataNode("ds1", "orders_2"), new DataNode("ds1", "orders_3")),
            new KeyGeneratorConfig("id", "snowflake"));
    /** Sharded on another column. */
    private static final TableRule EVENTS = new TableRule("events", List.of("user_id"), HashAlgorithm.evenly(2),
            List.of(new DataNode("ds0", "events_0"), new DataNode("ds1", "events_1")),
            new KeyGeneratorConfig("event_id", "snowflake"));
    private static final ShardingRules RULES = new ShardingRules(Map.of("orders", ORDERS, "events", EVENTS),
            Map.of(), List.of(), "ds0", List.of("ds0", "ds1"));

    private final QueryPlanner planner = new QueryPlanner(RULES, Dialect.MYSQL);

    @Test
    void appendsTheColumnAndOneMarkerPerRowKeepingEverythingElse() {
        GeneratedKeyInsert insert = planner.generatedKeyInsert(
                "INSERT INTO orders (note, amount) /* keep */ VALUES ('a)', ?), (NOW(), 7) ON DUPLICATE KEY UPDATE amount = ?");
        assertThat(insert.column()).isEqualTo("id");
        assertThat(insert.rowCount()).isEqualTo(2);
        assertThat(insert.sql()).isEqualTo("INSERT INTO orders (note, amount, `id`) /* keep */ VALUES ('a)', ?, ?), "
                + "(NOW(), 7, ?) ON DUPLICATE KEY UPDATE amount = ?");
        assertThat(insert.parameters(List.of("p0", "p1"), List.of("k0", "k1")))
                .containsExactly("p0", "k0", "k1", "p1");
    }

    @Test
    void statementsThatGiveTheColumnOrAreNotInsertsNeedNoKeys() {
        assertThat(planner.generatedKeyInsert("INSERT INTO orders (id, note) VALUES (1, 'x')")).isNull();
        assertThat(planner.generatedKeyInsert("SELECT * FROM orders WHERE id = 1")).isNull();
        assertThat(planner.generatedKeyInsert("INSERT INTO unruled (a) VALUES (1)")).isNull();
    }

    @Test
    void theRewrittenInsertRoutesEachRowByItsGeneratedKey() {
        GeneratedKeyInsert insert = planner.generatedKeyInsert("INSERT INTO orders (note) VALUES (?), (?), (?)");
        List<Object> keys = List.of(11L, 22L, 33L);
        List<Object> params = insert.parameters(List.of("a", "b", "c"), keys);
        RoutePlan plan = planner.plan(insert.sql(), params);

        List<String> expected = new ArrayList<>();
        for (int row = 0; row < 3; row++) {
            DataNode node = ORDERS.nodes().get(ORDERS.algorithm().shardFor(List.of(keys.get(row))));
            expected.add(node.dataSource() + "." + node.physicalTable() + " " + params.get(2 * row) + ","
                    + params.get(2 * row + 1));
        }
        List<String> routed = new ArrayList<>();
        for (ExecutionUnit unit : plan.units()) {
            String table = unit.sql().replaceAll("INSERT INTO (\\w+).*", "$1");
            for (int k = 0; k < unit.paramIndexes().length; k += 2) {
                routed.add(unit.dataSource() + "." + table + " " + params.get(unit.paramIndexes()[k]) + ","
                        + params.get(unit.paramIndexes()[k + 1]));
            }
        }
        assertThat(routed).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aGeneratedColumnOtherThanTheShardKeyIsAddedToo() {
        GeneratedKeyInsert insert = planner.generatedKeyInsert("INSERT INTO events(user_id,kind)VALUES(5,'x')");
        assertThat(insert.sql()).isEqualTo("INSERT INTO events(user_id,kind, `event_id`)VALUES(5,'x', ?)");
        RoutePlan plan = planner.plan(insert.sql(), insert.parameters(List.of(), List.of(99L)));
        assertThat(plan.units()).singleElement().satisfies(unit -> {
            assertThat(unit.dataSource()).isEqualTo(EVENTS.nodes().get(EVENTS.algorithm().shardFor(List.of(5L)))
                    .dataSource());
            assertThat(unit.paramIndexes()).containsExactly(0);
        });
    }
}
