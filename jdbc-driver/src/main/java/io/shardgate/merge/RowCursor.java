package io.shardgate.merge;

import java.sql.SQLException;

/**
 * A forward-only stream of rows, the common currency of the merge stage. Leaves read one shard's result; the
 * others combine cursors (concatenate, k-way merge, aggregate, dedupe, limit). Values are plain Java objects as
 * the shards' JDBC drivers return them from {@code getObject}; columns are 0-based.
 *
 * <p>A cursor is used by one thread at a time. {@link #value} is valid after {@link #next} returned true and until
 * the next call to {@code next}.
 */
public interface RowCursor extends AutoCloseable {

    /** Number of columns of every row. */
    int columnCount();

    /** Moves to the next row; false when there is none (and from then on). */
    boolean next() throws SQLException;

    /** The value of a column of the current row; null for SQL NULL. */
    Object value(int column) throws SQLException;

    /** Releases what the cursor holds (shard result sets, connections). Idempotent. */
    @Override
    void close() throws SQLException;

    /** The current row's values as a new array. */
    default Object[] copyRow() throws SQLException {
        Object[] row = new Object[columnCount()];
        for (int i = 0; i < row.length; i++) {
            row[i] = value(i);
        }
        return row;
    }

    /** Closes every cursor even if some fail; the first failure is thrown with the others suppressed. */
    static void closeAll(Iterable<? extends RowCursor> cursors) throws SQLException {
        SQLException failure = null;
        for (RowCursor cursor : cursors) {
            try {
                cursor.close();
            } catch (SQLException | RuntimeException e) {
                SQLException wrapped = e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
