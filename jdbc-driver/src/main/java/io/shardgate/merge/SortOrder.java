package io.shardgate.merge;

import io.shardgate.route.MergePlan;

import java.util.Comparator;
import java.util.List;

/** Compares rows (as value arrays) by a plan's ORDER BY keys, with column references already resolved. */
final class SortOrder implements Comparator<Object[]> {
    private final int[] columns;
    private final boolean[] descending;
    private final ValueComparator values;

    private SortOrder(int[] columns, boolean[] descending, ValueComparator values) {
        this.columns = columns;
        this.descending = descending;
        this.values = values;
    }

    static SortOrder of(List<MergePlan.SortKey> keys, int columnCount, ValueComparator values) {
        int[] columns = new int[keys.size()];
        boolean[] descending = new boolean[keys.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ResultMerger.resolve(keys.get(i).column(), columnCount);
            descending[i] = keys.get(i).descending();
        }
        return new SortOrder(columns, descending, values);
    }

    /** Ascending by the given columns: the order MariaDB gives GROUP BY results without ORDER BY. */
    static SortOrder ascending(int[] columns, ValueComparator values) {
        return new SortOrder(columns, new boolean[columns.length], values);
    }

    int[] columns() {
        return columns;
    }

    /** Compares sort-key arrays as extracted by {@link #keys}. */
    int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < columns.length; i++) {
            int c = values.compare(a[i], b[i]);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }

    @Override
    public int compare(Object[] rowA, Object[] rowB) {
        for (int i = 0; i < columns.length; i++) {
            int c = values.compare(rowA[columns[i]], rowB[columns[i]]);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }
}
