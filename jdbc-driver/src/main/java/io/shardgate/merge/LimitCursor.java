package io.shardgate.merge;

import java.sql.SQLException;

/** Skips {@code offset} rows, then passes at most {@code limit} rows ({@code -1}: all). */
public final class LimitCursor implements RowCursor {
    private final RowCursor input;
    private long toSkip;
    private long remaining;

    public LimitCursor(RowCursor input, long offset, long limit) {
        this.input = input;
        this.toSkip = offset;
        this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public int columnCount() {
        return input.columnCount();
    }

    @Override
    public boolean next() throws SQLException {
        while (toSkip > 0) {
            if (!input.next()) {
                toSkip = 0;
                remaining = 0;
                return false;
            }
            toSkip--;
        }
        if (remaining == 0) {
            return false;
        }
        remaining--;
        if (input.next()) {
            return true;
        }
        remaining = 0;
        return false;
    }

    @Override
    public Object value(int column) throws SQLException {
        return input.value(column);
    }

    @Override
    public void close() throws SQLException {
        input.close();
    }
}
