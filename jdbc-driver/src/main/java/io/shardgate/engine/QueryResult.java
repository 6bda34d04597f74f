package io.shardgate.engine;

import io.shardgate.execute.ColumnInfo;
import io.shardgate.merge.RowCursor;

import java.sql.SQLException;
import java.util.List;

/**
 * Rows of a query, merged across shards. {@code columns} describes the visible columns (the cursor's
 * {@code columnCount()} of them). Close it to give back the shard connections it streams from.
 */
public record QueryResult(List<ColumnInfo> columns, RowCursor rows) implements StatementResult, AutoCloseable {

    public QueryResult {
        columns = List.copyOf(columns.subList(0, rows.columnCount()));
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
