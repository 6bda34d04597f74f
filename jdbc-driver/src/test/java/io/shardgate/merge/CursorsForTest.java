package io.shardgate.merge;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** In-memory shard results and a reader for merged cursors. */
final class CursorsForTest {
    private CursorsForTest() {
    }

    /** One shard's rows, each given as its values. */
    static RowCursor shard(Object[]... rows) {
        int columns = rows.length == 0 ? 1 : rows[0].length;
        return new ListCursor(columns, new ArrayList<>(Arrays.asList(rows)));
    }

    static Object[] row(Object... values) {
        return values;
    }

    static List<List<Object>> readAll(RowCursor cursor) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                rows.add(Arrays.asList(cursor.copyRow()));
            }
        }
        return rows;
    }
}
