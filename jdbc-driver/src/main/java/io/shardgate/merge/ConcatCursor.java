package io.shardgate.merge;

import java.sql.SQLException;
import java.util.List;

/** The shards' rows one shard after another, streaming: only the current shard's cursor is read. */
final class ConcatCursor implements RowCursor {
    private final List<RowCursor> inputs;
    private int current;

    ConcatCursor(List<RowCursor> inputs) {
        this.inputs = inputs;
    }

    @Override
    public int columnCount() {
        return inputs.get(0).columnCount();
    }

    @Override
    public boolean next() throws SQLException {
        while (current < inputs.size()) {
            if (inputs.get(current).next()) {
                return true;
            }
            current++;
        }
        return false;
    }

    @Override
    public Object value(int column) throws SQLException {
        return inputs.get(current).value(column);
    }

    @Override
    public void close() throws SQLException {
        RowCursor.closeAll(inputs);
    }
}
