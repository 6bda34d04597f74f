package io.shardgate.route;

import java.util.List;

/**
 * What the merger does with the results of several units. Column references: {@code >= 0} from the start of a
 * row, {@code < 0} from its end ({@code -1} is the last column).
 *
 * @param orderBy       sort keys; with {@code aggregate} false the shards' results are already sorted by them and
 *                      are merged k-way, otherwise the merged groups are sorted
 * @param aggregate     rows with equal {@code groupBy} values are combined with {@code aggregates}
 * @param groupBy       group key columns (empty with aggregate: one group)
 * @param aggregates    how each aggregated column combines
 * @param distinct      drop duplicate rows
 * @param offset        rows to skip after merging
 * @param limit         rows to return after the offset, or -1 for all
 * @param hiddenColumns trailing columns the rewriter added, hidden from the client
 */
public record MergePlan(List<SortKey> orderBy, boolean aggregate, List<Integer> groupBy,
                        List<AggregateColumn> aggregates, boolean distinct, long offset, long limit,
                        int hiddenColumns) {

    /** Results are simply concatenated (or there is only one). */
    public static final MergePlan CONCAT = new MergePlan(List.of(), false, List.of(), List.of(), false, 0, -1, 0);

    public record SortKey(int column, boolean descending) {
    }

    public enum Function { COUNT, SUM, MIN, MAX, AVG }

    /** For AVG, {@code column} holds the shards' SUM and {@code countColumn} their COUNT. */
    public record AggregateColumn(int column, Function function, int countColumn) {
    }

    public boolean isConcat() {
        return orderBy.isEmpty() && !aggregate && !distinct && offset == 0 && limit < 0 && hiddenColumns == 0;
    }
}
