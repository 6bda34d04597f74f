package io.shardgate.merge;

import java.sql.SQLException;
import java.util.List;

/** Rows held in memory: aggregation output, materialized shard results, PREVIEW rows. */
public final class ListCursor implements RowCursor {
    private final int columnCount;
    private final List<Object[]> rows;
    private int position = -1;

    public ListCursor(int columnCount, List<Object[]> rows) {
        this.columnCount = columnCount;
        this.rows = rows;
    }

    /** Reads {@code source} to its end into memory and closes it. */
    public static ListCursor drain(RowCursor source) throws SQLException {
        try (source) {
            List<Object[]> rows = new java.util.ArrayList<>();
            while (source.next()) {
                rows.add(source.copyRow());
            }
            return new ListCursor(source.columnCount(), rows);
        }
    }

    @Override
    public int columnCount() {
        return columnCount;
    }

    @Override
    public boolean next() {
        if (position < rows.size()) {
            position++;
        }
        return position < rows.size();
    }

    @Override
    public Object value(int column) throws SQLException {
        if (position < 0 || position >= rows.size()) {
            throw new SQLException("no current row", "24000");
        }
        return rows.get(position)[column];
    }

    @Override
    public void close() {
        position = rows.size();
    }
}
