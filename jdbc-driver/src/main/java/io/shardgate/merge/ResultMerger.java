package io.shardgate.merge;

import io.shardgate.route.MergePlan;

import java.sql.SQLException;
import java.util.List;

/**
 * Builds the cursor pipeline a {@link MergePlan} asks for over the shards' cursors: combine (concatenate, k-way
 * merge by ORDER BY, or aggregate), then DISTINCT, then OFFSET/LIMIT, then hide the derived columns.
 */
public final class ResultMerger {

    private ResultMerger() {
    }

    /** The merged rows; closing it closes every shard cursor. {@code shards} must not be empty. */
    public static RowCursor merge(List<RowCursor> shards, MergePlan plan, ValueComparator values) throws SQLException {
        int columns = shards.get(0).columnCount();
        int visible = columns - plan.hiddenColumns();
        if (visible < 1) {
            RowCursor.closeAll(shards);
            throw new SQLException("merge plan hides " + plan.hiddenColumns() + " of " + columns + " columns",
                    "HY000");
        }
        RowCursor merged;
        try {
            if (plan.aggregate()) {
                merged = new AggregatingCursor(concat(shards), plan, values);
            } else if (!plan.orderBy().isEmpty() && shards.size() > 1) {
                merged = new OrderedMergeCursor(shards, SortOrder.of(plan.orderBy(), columns, values));
            } else {
                merged = concat(shards);
            }
        } catch (IllegalArgumentException badReference) {
            RowCursor.closeAll(shards);
            throw new SQLException("cannot merge: " + badReference.getMessage(), "HY000", badReference);
        }
        if (plan.distinct()) {
            merged = new DistinctCursor(merged, visible, values);
        }
        if (plan.offset() > 0 || plan.limit() >= 0) {
            merged = new LimitCursor(merged, plan.offset(), plan.limit());
        }
        return plan.hiddenColumns() > 0 ? new HiddenColumnsCursor(merged, visible) : merged;
    }

    private static RowCursor concat(List<RowCursor> shards) {
        return shards.size() == 1 ? shards.get(0) : new ConcatCursor(shards);
    }

    /** A plan's column reference as a 0-based index: {@code >= 0} from the start, {@code < 0} from the end. */
    static int resolve(int column, int columnCount) {
        int index = column >= 0 ? column : columnCount + column;
        if (index < 0 || index >= columnCount) {
            throw new IllegalArgumentException("column reference " + column + " outside a row of " + columnCount);
        }
        return index;
    }
}
