package io.shardgate.merge;

import static io.shardgate.merge.CursorsForTest.readAll;
import static io.shardgate.merge.CursorsForTest.row;
import static io.shardgate.merge.CursorsForTest.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.route.MergePlan;
import io.shardgate.route.MergePlan.SortKey;
import io.shardgate.sql.parse.Dialect;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultMergerTest {
    private final ValueComparator values = ValueComparator.forDialect(Dialect.MYSQL);

    private static MergePlan orderBy(long offset, long limit, int hidden, SortKey... keys) {
        return new MergePlan(List.of(keys), false, List.of(), List.of(), false, offset, limit, hidden);
    }

    @Test
    void ascendingMergePutsNullsFirstAndTiesInShardOrder() throws SQLException {
        MergePlan plan = orderBy(0, -1, 0, new SortKey(0, false));
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(null, "s0"), row(2L, "s0"), row(5L, "s0")),
                shard(row(null, "s1"), row(2L, "s1"), row(3L, "s1")),
                shard()), plan, values);
        assertThat(readAll(merged)).containsExactly(Arrays.asList(null, "s0"), Arrays.asList(null, "s1"),
                List.of(2L, "s0"), List.of(2L, "s1"), List.of(3L, "s1"), List.of(5L, "s0"));
    }

    @Test
    void descendingMergePutsNullsLast() throws SQLException {
        MergePlan plan = orderBy(0, -1, 0, new SortKey(0, true));
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(9L), row(1L), row((Object) null)), shard(row(4L), row((Object) null))), plan, values);
        assertThat(readAll(merged).stream().map(r -> r.get(0)).toList()).containsExactly(9L, 4L, 1L, null, null);
    }

    @Test
    void derivedSortColumnIsHiddenAfterMerging() throws SQLException {
        // SELECT name ... ORDER BY score DESC, with score appended as a hidden column
        MergePlan plan = orderBy(0, -1, 1, new SortKey(-1, true));
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row("x", 3), row("y", 1)), shard(row("z", 2))), plan, values);
        assertThat(merged.columnCount()).isEqualTo(1);
        assertThat(readAll(merged)).containsExactly(List.of("x"), List.of("z"), List.of("y"));
    }

    @Test
    void offsetAndLimitApplyAfterTheMerge() throws SQLException {
        // each shard ran LIMIT offset + count = 4; the merge skips 2 and keeps 2
        MergePlan plan = orderBy(2, 2, 0, new SortKey(0, false));
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row(1), row(4), row(6), row(8)), shard(row(2), row(3), row(5), row(7))), plan, values);
        assertThat(readAll(merged)).containsExactly(List.of(3), List.of(4));
    }

    @Test
    void offsetBeyondTheRowsGivesNothing() throws SQLException {
        MergePlan plan = orderBy(10, 5, 0, new SortKey(0, false));
        assertThat(readAll(ResultMerger.merge(List.of(shard(row(1)), shard(row(2))), plan, values))).isEmpty();
    }

    @Test
    void distinctDropsRowsEqualUnderTheBackendCollation() throws SQLException {
        MergePlan plan = new MergePlan(List.of(new SortKey(0, false)), false, List.of(), List.of(), true, 0, -1, 0);
        RowCursor merged = ResultMerger.merge(List.of(
                shard(row("Ann"), row("bob")), shard(row("ann"), row("Bob "), row("cy"))), plan, values);
        assertThat(readAll(merged)).containsExactly(List.of("Ann"), List.of("bob"), List.of("cy"));
    }

    @Test
    void closingTheMergedCursorClosesEveryShard() throws SQLException {
        RowCursor a = shard(row(1), row(2));
        RowCursor b = shard(row(3));
        RowCursor merged = ResultMerger.merge(List.of(a, b), orderBy(0, 1, 0, new SortKey(0, false)), values);
        assertThat(merged.next()).isTrue();
        merged.close();
        assertThat(a.next()).isFalse();
        assertThat(b.next()).isFalse();
    }
}
