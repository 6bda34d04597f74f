package io.shardgate.planner;

import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.route.ExecutionUnit;
import io.shardgate.route.Opcode;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;
import io.shardgate.sql.parse.UnsupportedSqlException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryPlannerTest {

    private static final TableRule ORDERS = new TableRule("orders", List.of("user_id"), HashAlgorithm.evenly(4),
            List.of(new DataNode("ds0", "orders_0"), new DataNode("ds0", "orders_1"),
                    new DataNode("ds1", "orders_2"), new DataNode("ds1", "orders_3")), null);
    private static final ShardingRules RULES = new ShardingRules(Map.of("orders", ORDERS), Map.of(), List.of(),
            "ds0", List.of("ds0", "ds1"));

    private final QueryPlanner planner = new QueryPlanner(RULES, Dialect.MYSQL);

    @Test
    void statementsDifferingOnlyInLiteralsShareOneCachedShapeButRouteByTheirOwnValues() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            long key = random.nextLong() & Long.MAX_VALUE; // "-5" normalizes to "-?", a shape of its own
            String note = "n".repeat(random.nextInt(20));
            String sql = "SELECT id, note FROM orders WHERE user_id = " + key + " AND note = '" + note + "'";
            RoutePlan plan = planner.plan(sql, List.of());
            int shard = ORDERS.algorithm().shardFor(List.of(key));
            String physical = ORDERS.nodes().get(shard).physicalTable();
            assertThat(plan.opcode()).isEqualTo(Opcode.SINGLE_SHARD);
            assertThat(plan.units()).containsExactly(new ExecutionUnit(ORDERS.nodes().get(shard).dataSource(),
                    sql.replace("FROM orders", "FROM " + physical), new int[0]));
        }
        assertThat(planner.cachedShapes()).isEqualTo(1);
    }

    @Test
    void literalsAndMarkersMixInOneStatementKeepTheirOrder() {
        RoutePlan plan = planner.plan("SELECT ?, 'x' FROM orders WHERE note = ? AND user_id = 5 AND id > ?",
                List.of("a", "b", 3));
        assertThat(plan.units()).hasSize(1);
        ExecutionUnit unit = plan.units().get(0);
        assertThat(unit.paramIndexes()).containsExactly(0, 1, 2);
        assertThat(unit.sql()).contains("'x'").contains("user_id = 5");
    }

    @Test
    void multiLineStatementsWithTabsAndCommentsAreSplicedAtTheRightPlaces() {
        String sql = "SELECT\tid,\n  note -- the note\nFROM\n\torders  /* the table */\nWHERE user_id = 'abc'";
        RoutePlan plan = planner.plan(sql, List.of());
        int shard = ORDERS.algorithm().shardFor(List.of("abc"));
        assertThat(plan.units().get(0).sql())
                .isEqualTo(sql.replace("\torders", "\t" + ORDERS.nodes().get(shard).physicalTable()));
    }

    @Test
    void cachedRefusalIsRaisedAgainForTheSameShape() {
        String sql = "UPDATE orders SET user_id = 2 WHERE user_id = 1";
        assertThatThrownBy(() -> planner.plan(sql, List.of())).isInstanceOf(UnsupportedSqlException.class);
        assertThatThrownBy(() -> planner.plan(sql.replace("2", "3"), List.of()))
                .isInstanceOf(UnsupportedSqlException.class)
                .hasMessageContaining("UPDATE of shard key column user_id");
    }

    @Test
    void syntaxErrorNamesThePlaceItStopped() {
        assertThatThrownBy(() -> planner.plan("SELECT * FROM orders WHERE user_id = = 1", List.of()))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("column 36").hasMessageContaining("near '= = 1'");
    }

    @Test
    void previewReturnsTheInnerRouteWithoutWriting() {
        RoutePlan plan = planner.plan("PREVIEW DELETE FROM orders WHERE user_id = 9", List.of());
        assertThat(plan.kind()).isEqualTo(StatementKind.PREVIEW);
        assertThat(plan.write()).isFalse();
        assertThat(plan.units()).hasSize(1);
        assertThat(plan.units().get(0).sql()).startsWith("DELETE FROM orders_");
    }

    @Test
    void missingParameterValueIsReportedByPosition() {
        assertThatThrownBy(() -> planner.plan("SELECT * FROM orders WHERE user_id = ?", List.of()))
                .hasMessageContaining("parameter 1");
    }
}
