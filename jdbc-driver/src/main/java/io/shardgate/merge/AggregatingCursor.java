package io.shardgate.merge;

import io.shardgate.route.MergePlan;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY and aggregates across shards: reads every shard row, combines rows with equal group keys in a hash
 * table (memory grows with the number of groups, not rows), then sorts the groups by the ORDER BY keys, or by the
 * group keys when there is no ORDER BY (what MariaDB does, and deterministic). Columns that are neither grouped
 * nor aggregated keep the first shard row's value, as MySQL picks any row's.
 */
final class AggregatingCursor implements RowCursor {

    /** An aggregate with its column references resolved. */
    private record Aggregate(int column, MergePlan.Function function, int countColumn) {
    }

    private final RowCursor input;
    private final int[] groupBy;
    private final List<Aggregate> aggregates;
    private final SortOrder order;
    private final ValueComparator values;
    private ListCursor output;

    AggregatingCursor(RowCursor input, MergePlan plan, ValueComparator values) {
        int columns = input.columnCount();
        this.input = input;
        this.values = values;
        this.groupBy = plan.groupBy().stream().mapToInt(c -> ResultMerger.resolve(c, columns)).toArray();
        this.aggregates = plan.aggregates().stream().map(a -> new Aggregate(ResultMerger.resolve(a.column(), columns),
                a.function(), a.function() == MergePlan.Function.AVG
                        ? ResultMerger.resolve(a.countColumn(), columns) : -1)).toList();
        this.order = plan.orderBy().isEmpty() ? SortOrder.ascending(groupBy, values)
                : SortOrder.of(plan.orderBy(), columns, values);
    }

    @Override
    public int columnCount() {
        return input.columnCount();
    }

    @Override
    public boolean next() throws SQLException {
        if (output == null) {
            output = new ListCursor(columnCount(), aggregate());
        }
        return output.next();
    }

    private List<Object[]> aggregate() throws SQLException {
        Map<List<Object>, Object[]> groups = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (input) {
            while (input.next()) {
                Object[] key = new Object[groupBy.length];
                for (int i = 0; i < key.length; i++) {
                    key[i] = values.equalityKey(input.value(groupBy[i]));
                }
                Object[] row = groups.get(Arrays.asList(key));
                if (row == null) {
                    row = input.copyRow();
                    for (Aggregate a : aggregates) {
                        row[a.column] = Aggregation.first(a.function, row[a.column]);
                    }
                    groups.put(Arrays.asList(key), row);
                    rows.add(row);
                } else {
                    for (Aggregate a : aggregates) {
                        row[a.column] = Aggregation.combine(a.function, row[a.column], input.value(a.column), values);
                    }
                }
            }
        }
        for (Object[] row : rows) {
            for (Aggregate a : aggregates) {
                if (a.function == MergePlan.Function.AVG) {
                    row[a.column] = Aggregation.average(row[a.column], row[a.countColumn], values.dialect());
                }
            }
        }
        if (order.columns().length > 0) {
            rows.sort(order);
        }
        return rows;
    }

    @Override
    public Object value(int column) throws SQLException {
        if (output == null) {
            throw new SQLException("no current row", "24000");
        }
        return output.value(column);
    }

    @Override
    public void close() throws SQLException {
        if (output != null) {
            output.close();
        }
        input.close();
    }
}
