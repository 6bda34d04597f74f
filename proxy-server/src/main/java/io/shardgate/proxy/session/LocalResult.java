package io.shardgate.proxy.session;

import io.shardgate.engine.QueryResult;
import io.shardgate.execute.ColumnInfo;
import io.shardgate.merge.ListCursor;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Builds the small result sets the proxy answers itself, typed like MySQL types them (BIGINT or VARCHAR). */
final class LocalResult {

    private LocalResult() {
    }

    /** Rows of Long, String or null values; a column is BIGINT when its first non-null value is a Long. */
    static QueryResult of(List<String> labels, List<Object[]> rows) {
        List<ColumnInfo> columns = new ArrayList<>(labels.size());
        for (int c = 0; c < labels.size(); c++) {
            columns.add(isNumeric(rows, c) ? bigint(labels.get(c)) : ColumnInfo.varchar(labels.get(c)));
        }
        return new QueryResult(columns, new ListCursor(labels.size(), rows));
    }

    private static boolean isNumeric(List<Object[]> rows, int column) {
        for (Object[] row : rows) {
            if (row[column] != null) {
                return row[column] instanceof Long;
            }
        }
        return false;
    }

    private static ColumnInfo bigint(String label) {
        return new ColumnInfo(label, label, Types.BIGINT, "BIGINT", Long.class.getName(), 20, 0, 21, true);
    }
}
