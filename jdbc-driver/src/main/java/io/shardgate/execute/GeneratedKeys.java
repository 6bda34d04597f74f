package io.shardgate.execute;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a write generated, as rows: Shardgate's own snowflake keys (one column, one row per inserted row), or
 * what a shard's driver returned for database-generated keys.
 */
public record GeneratedKeys(List<ColumnInfo> columns, List<Object[]> rows) {
    public static final GeneratedKeys NONE = new GeneratedKeys(List.of(), List.of());

    public GeneratedKeys {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Keys of one BIGINT column. */
    public static GeneratedKeys ofColumn(String column, long[] keys) {
        List<Object[]> rows = new ArrayList<>(keys.length);
        for (long key : keys) {
            rows.add(new Object[]{key});
        }
        ColumnInfo info = new ColumnInfo(column, column, Types.BIGINT, "BIGINT", Long.class.getName(), 19, 0, 20,
                true);
        return new GeneratedKeys(List.of(info), rows);
    }

    /** Reads a driver's generated-keys result set to its end. */
    public static GeneratedKeys read(ResultSet keys) throws SQLException {
        List<ColumnInfo> columns = ColumnInfo.copyOf(keys.getMetaData());
        List<Object[]> rows = new ArrayList<>();
        while (keys.next()) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = keys.getObject(i + 1);
            }
            rows.add(row);
        }
        return new GeneratedKeys(columns, rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** These rows followed by {@code more}'s (the keys of a batch, entry after entry). */
    public GeneratedKeys then(GeneratedKeys more) {
        if (more.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return more;
        }
        List<Object[]> all = new ArrayList<>(rows);
        all.addAll(more.rows);
        return new GeneratedKeys(columns, all);
    }
}
