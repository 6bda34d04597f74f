package io.shardgate.reshard.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    private static final String SOURCES = """
            dataSources:
              ds0: { primary: { url: "jdbc:mariadb://h0:3306/s0" } }
              ds1: { primary: { url: "jdbc:mariadb://h1:3306/s1" } }
              ds2: { primary: { url: "jdbc:mariadb://h2:3306/s2" } }
              ds3: { primary: { url: "jdbc:mariadb://h3:3306/s3" } }
            """;

    private static ReshardPlan plan(String currentTables, String targetTables) {
        return Planner.plan(RulesSource.parse(SOURCES + currentTables, "current.yaml"),
                RulesSource.parse(SOURCES + targetTables, "target.yaml"));
    }

    private static final String TWO_HASH = """
            tables:
              orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders, ds1.orders] }
            """;

    @Test
    void twoHashShardsToFourSplitEachIntoTwoNewTables() {
        ReshardPlan plan = plan(TWO_HASH, """
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders_1, ds2.orders, ds1.orders_1, ds3.orders] }
                """);
        assertThat(plan.refused()).isFalse();
        TablePlan orders = plan.tables().get(0);
        assertThat(orders.status()).isEqualTo(TablePlan.Status.MOVES);
        assertThat(orders.change()).isEqualTo("hash on user_id, 2 -> 4 shards");
        SourcePlan ds0 = orders.sources().get(0);
        assertThat(ds0.keys()).isEqualTo("keyspace -80");
        assertThat(ds0.pieces()).extracting(Piece::keys, p -> p.target().toString(), Piece::moves, Piece::share)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("keyspace -40", "ds0.orders_1", true, 0.5),
                        org.assertj.core.groups.Tuple.tuple("keyspace 40-80", "ds2.orders", true, 0.5));
        assertThat(orders.sources().get(1).pieces()).extracting(Piece::keys, p -> p.target().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("keyspace 80-c0", "ds1.orders_1"),
                        org.assertj.core.groups.Tuple.tuple("keyspace c0-", "ds3.orders"));
        assertThat(orders.receivingNodes()).extracting(Object::toString)
                .containsExactly("ds0.orders_1", "ds2.orders", "ds1.orders_1", "ds3.orders");
    }

    @Test
    void aShardThatWouldKeepSomeRowsWhileOthersLeaveIsRefused() {
        assertThat(plan(TWO_HASH, """
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders, ds2.orders, ds1.orders, ds3.orders] }
                """).allRefusals()).hasSize(2).first().asString().contains("ds0.orders would keep keyspace -40 while "
                + "its other rows leave", "(e.g. ds0.orders_1)", "fenced");
    }

    @Test
    void splittingOneKeyspaceRangeMovesOnlyThatShardsRows() {
        ReshardPlan plan = plan(TWO_HASH, """
                tables:
                  orders:
                    shardKey: user_id
                    algorithm: { type: hash, ranges: ["-40", "40-80", "80-"] }
                    nodes: [ds0.orders_a, ds2.orders, ds1.orders]
                """);
        assertThat(plan.allRefusals()).isEmpty();
        TablePlan orders = plan.tables().get(0);
        assertThat(orders.movingSources()).extracting(s -> s.source().toString()).containsExactly("ds0.orders");
        assertThat(orders.sources().get(1).pieces()).singleElement()
                .satisfies(p -> assertThat(p.moves()).isFalse());
    }

    @Test
    void modTwoToFourSendsEachResidueToTwoTargets() {
        ReshardPlan plan = plan("""
                tables:
                  t: { shardKey: k, algorithm: mod, nodes: [ds0.t, ds1.t] }
                """, """
                tables:
                  t: { shardKey: k, algorithm: mod, nodes: [ds0.t4, ds1.t4, ds2.t4, ds3.t4] }
                """);
        SourcePlan zero = plan.tables().get(0).sources().get(0);
        assertThat(zero.pieces()).extracting(Piece::keys, p -> p.target().toString(), Piece::moves)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k mod 4 = 0", "ds0.t4", true),
                        org.assertj.core.groups.Tuple.tuple("k mod 4 = 2", "ds2.t4", true));
        assertThat(zero.pieces()).allSatisfy(p -> assertThat(p.share()).isEqualTo(0.5));
    }

    @Test
    void rangeBoundaryMovedToANewTableMovesTheIntervalBetween() {
        ReshardPlan plan = plan("""
                tables:
                  events: { shardKey: id, algorithm: { type: range, bounds: [1000] }, nodes: [ds0.e, ds1.e] }
                """, """
                tables:
                  events: { shardKey: id, algorithm: { type: range, bounds: [1000, 1500] }, nodes: [ds0.e, ds2.e, ds1.e2] }
                """);
        assertThat(plan.allRefusals()).isEmpty();
        TablePlan events = plan.tables().get(0);
        assertThat(events.sources().get(1).pieces()).extracting(Piece::keys, p -> p.target().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("[1000, 1500)", "ds2.e"),
                        org.assertj.core.groups.Tuple.tuple("[1500, +inf)", "ds1.e2"));
        assertThat(events.sources().get(0).pieces()).singleElement()
                .satisfies(p -> assertThat(p.keys()).isEqualTo("(-inf, 1000)"));
        assertThat(events.sources().get(1).pieces()).allSatisfy(p -> assertThat(p.shareKnown()).isFalse());
    }

    @Test
    void sameRuleOnOtherNodesRelocatesWholeShards() {
        ReshardPlan plan = plan(TWO_HASH, """
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders, ds3.orders] }
                """);
        TablePlan orders = plan.tables().get(0);
        assertThat(orders.movingSources()).singleElement().satisfies(s -> assertThat(s.pieces()).singleElement()
                .satisfies(p -> assertThat(p.keys() + " to " + p.target()).isEqualTo("all rows to ds3.orders")));
    }

    @Test
    void unchangedTablesMoveNothing() {
        assertThat(plan(TWO_HASH, TWO_HASH).movingTables()).isEmpty();
        assertThat(plan(TWO_HASH, TWO_HASH).tables().get(0).status()).isEqualTo(TablePlan.Status.UNCHANGED);
    }

    @Test
    void refusesWhatCannotBeDoneOnline() {
        assertThat(plan(TWO_HASH, """
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, ds1.orders] }
                """).allRefusals()).singleElement().asString().contains("shard key changes from [user_id] to [id]");
        assertThat(plan(TWO_HASH, """
                tables:
                  orders: { shardKey: user_id, algorithm: mod, nodes: [ds0.orders, ds1.orders] }
                """).allRefusals()).singleElement().asString().contains("algorithm type changes from hash to mod");
        assertThat(plan(TWO_HASH, """
                tables:
                  other: { shardKey: id, algorithm: hash, nodes: [ds0.other, ds1.other] }
                """).allRefusals()).hasSize(2).anySatisfy(r -> assertThat(r).contains("orders: not in the target"))
                .anySatisfy(r -> assertThat(r).contains("other: new in the target rules"));
        assertThat(plan(TWO_HASH, """
                tables:
                  orders: { shardKey: user_id, algorithm: { type: hash, ranges: ["-40", "40-"] }, nodes: [ds0.orders, ds1.orders] }
                """).allRefusals()).anySatisfy(r -> assertThat(r).contains("ds1.orders would receive rows while it "
                + "holds rows under the current rules"));
        assertThat(plan("""
                tables:
                  events: { shardKey: id, algorithm: { type: range, bounds: [{shard: 0, to: 100}, {shard: 1, from: 100}] }, nodes: [ds0.e, ds1.e] }
                """, """
                tables:
                  events: { shardKey: id, algorithm: { type: range, bounds: [{shard: 0, to: 100}, {shard: 1, from: 200}] }, nodes: [ds0.e, ds1.e2] }
                """).allRefusals()).anySatisfy(r -> assertThat(r).contains("keys in [100, 200) are on shard 1 now but "
                + "have no shard under the target rule"));
    }

    @Test
    void refusesADataSourceNameThatChangesItsDatabase() {
        ReshardPlan plan = Planner.plan(RulesSource.parse(SOURCES + TWO_HASH, "current.yaml"),
                RulesSource.parse(SOURCES.replace("h1:3306", "elsewhere:3306") + TWO_HASH, "target.yaml"));
        assertThat(plan.refusals()).singleElement().asString().contains("data source ds1 points at "
                + "jdbc:mariadb://elsewhere:3306/s1");
    }

    @Test
    void textAndJsonReportsNameTheMovesAndTheEstimateMethod() {
        ReshardPlan plan = plan(TWO_HASH, """
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.orders_1, ds2.orders, ds1.orders_1, ds3.orders] }
                """);
        SizeEstimates sizes = new SizeEstimates(java.util.Map.of(
                new io.shardgate.config.DataNode("ds0", "orders"), new NodeSize(1000, 65536),
                new io.shardgate.config.DataNode("ds1", "orders"), new NodeSize(3000, 196608)), java.util.Map.of());
        java.io.StringWriter text = new java.io.StringWriter();
        PlanReport report = new PlanReport("a.yaml", "b.yaml", plan, sizes);
        report.printText(new java.io.PrintWriter(text));
        assertThat(text.toString()).contains("moves  keyspace 40-80  to ds2.orders  ~500 rows, 32.0 KiB (50.0% of the "
                + "source)", "skew 1.50 (largest / mean)", "not counts", "Result: 1 table(s) move");
        assertThat(report.json()).contains("\"skewNow\":1.5", "\"estimatedRows\":1500");
        assertThat(SizeEstimates.skew(List.of(1L, 1L))).isEqualTo(1.0);
    }
}
