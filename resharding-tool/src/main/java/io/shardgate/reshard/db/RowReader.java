package io.shardgate.reshard.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads rows as {@code Object[]} of {@code String}/{@code byte[]}/null and binds them back the same way. */
public final class RowReader {
    private RowReader() {
    }

    public static List<Object[]> readAll(ResultSet rs, List<Column> columns) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(read(rs, columns, 1));
        }
        return rows;
    }

    /** The columns starting at result column {@code first}. */
    public static Object[] read(ResultSet rs, List<Column> columns, int first) throws SQLException {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = columns.get(i).binary() ? rs.getBytes(first + i) : rs.getString(first + i);
        }
        return row;
    }

    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.NULL);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            statement.setString(index, value.toString());
        }
    }
}
