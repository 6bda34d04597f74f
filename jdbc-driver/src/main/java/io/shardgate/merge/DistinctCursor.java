package io.shardgate.merge;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops rows whose visible columns equal an earlier row's (equality as the backend's comparison defines it),
 * streaming: it remembers the keys of the rows it passed, not the rows.
 */
final class DistinctCursor implements RowCursor {
    private final RowCursor input;
    private final int visibleColumns;
    private final ValueComparator values;
    private final Set<List<Object>> seen = new HashSet<>();

    DistinctCursor(RowCursor input, int visibleColumns, ValueComparator values) {
        this.input = input;
        this.visibleColumns = visibleColumns;
        this.values = values;
    }

    @Override
    public int columnCount() {
        return input.columnCount();
    }

    @Override
    public boolean next() throws SQLException {
        while (input.next()) {
            Object[] key = new Object[visibleColumns];
            for (int i = 0; i < visibleColumns; i++) {
                key[i] = values.equalityKey(input.value(i));
            }
            if (seen.add(Arrays.asList(key))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object value(int column) throws SQLException {
        return input.value(column);
    }

    @Override
    public void close() throws SQLException {
        seen.clear();
        input.close();
    }
}
