package io.shardgate.merge;

import java.sql.SQLException;

/** Shows only the leading columns: the trailing ones were added by the rewriter for merging. */
final class HiddenColumnsCursor implements RowCursor {
    private final RowCursor input;
    private final int visibleColumns;

    HiddenColumnsCursor(RowCursor input, int visibleColumns) {
        this.input = input;
        this.visibleColumns = visibleColumns;
    }

    @Override
    public int columnCount() {
        return visibleColumns;
    }

    @Override
    public boolean next() throws SQLException {
        return input.next();
    }

    @Override
    public Object value(int column) throws SQLException {
        if (column >= visibleColumns) {
            throw new SQLException("column index " + (column + 1) + " is out of range (1.." + visibleColumns + ")",
                    "S1002");
        }
        return input.value(column);
    }

    @Override
    public void close() throws SQLException {
        input.close();
    }
}
