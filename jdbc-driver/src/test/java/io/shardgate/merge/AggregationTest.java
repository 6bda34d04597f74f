package io.shardgate.merge;

import static io.shardgate.merge.CursorsForTest.readAll;
import static io.shardgate.merge.CursorsForTest.row;
import static io.shardgate.merge.CursorsForTest.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.route.MergePlan;
import io.shardgate.route.MergePlan.AggregateColumn;
import io.shardgate.route.MergePlan.Function;
import io.shardgate.sql.parse.Dialect;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {
    private final ValueComparator values = ValueComparator.forDialect(Dialect.MYSQL);

    private static MergePlan aggregate(List<Integer> groupBy, List<AggregateColumn> aggregates, int hidden) {
        return new MergePlan(List.of(), true, groupBy, aggregates, false, 0, -1, hidden);
    }

    @Test
    void avgIsSumOfSumsOverSumOfCountsWithFourMoreDecimals() throws SQLException {
        // SELECT AVG(x) rewritten to SELECT SUM(x), COUNT(x): shard sums 10 and 1, counts 2 and 1
        MergePlan plan = aggregate(List.of(), List.of(
                new AggregateColumn(0, Function.AVG, -1), new AggregateColumn(-1, Function.COUNT, 0)), 1);
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(new BigDecimal("10"), 2L)), shard(row(new BigDecimal("1"), 1L))), plan, values);
        assertThat(readAll(merged)).containsExactly(List.of(new BigDecimal("3.6667")));
    }

    @Test
    void avgOfDecimalsKeepsTheirScalePlusFour() throws SQLException {
        MergePlan plan = aggregate(List.of(), List.of(
                new AggregateColumn(0, Function.AVG, 1), new AggregateColumn(1, Function.COUNT, 0)), 1);
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(new BigDecimal("1.00"), 1L)), shard(row(new BigDecimal("0.01"), 2L))), plan, values);
        assertThat(readAll(merged)).containsExactly(List.of(new BigDecimal("0.336667")));
    }

    @Test
    void avgWithoutValuesIsNull() throws SQLException {
        MergePlan plan = aggregate(List.of(), List.of(
                new AggregateColumn(0, Function.AVG, 1), new AggregateColumn(1, Function.COUNT, 0)), 1);
        RowCursor merged = ResultMerger.merge(List.of(shard(row(null, 0L)), shard(row(null, 0L))), plan, values);
        assertThat(readAll(merged)).containsExactly(java.util.Arrays.asList((Object) null));
    }

    @Test
    void sumOfIntegersStaysIntegralAndWidensPastLongRange() throws SQLException {
        MergePlan plan = aggregate(List.of(), List.of(new AggregateColumn(0, Function.SUM, 0),
                new AggregateColumn(1, Function.SUM, 0), new AggregateColumn(2, Function.COUNT, 0)), 0);
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(Long.MAX_VALUE, 3, 4)), shard(row(1L, null, 5L)), shard(row(null, 4, 0))), plan, values);
        assertThat(readAll(merged)).containsExactly(List.of(
                new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE), 7L, 9L));
    }

    @Test
    void minAndMaxSkipNullsAndCompareLikeTheBackend() throws SQLException {
        MergePlan plan = aggregate(List.of(), List.of(new AggregateColumn(0, Function.MIN, 0),
                new AggregateColumn(1, Function.MAX, 0)), 0);
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(null, "apple")), shard(row(5L, "Banana")), shard(row(new BigDecimal("4.5"), null))),
                plan, values);
        assertThat(readAll(merged)).containsExactly(List.of(new BigDecimal("4.5"), "Banana"));
    }

    @Test
    void groupsCombineAcrossShardsWithNullAsOneGroupSortedByKey() throws SQLException {
        // SELECT g, COUNT(*), SUM(v) ... GROUP BY g
        MergePlan plan = aggregate(List.of(0), List.of(new AggregateColumn(1, Function.COUNT, 0),
                new AggregateColumn(2, Function.SUM, 0)), 0);
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row("b", 2L, 5L), row(null, 1L, 1L), row("A", 1L, 1L)),
                shard(row("a", 3L, 2L), row("B", 1L, null)),
                shard()), plan, values);
        assertThat(readAll(merged)).containsExactly(
                java.util.Arrays.asList(null, 1L, 1L), List.of("A", 4L, 3L), List.of("b", 3L, 5L));
    }
}
