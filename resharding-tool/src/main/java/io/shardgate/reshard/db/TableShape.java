package io.shardgate.reshard.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A physical table's columns and primary key, read from information_schema of the connection's database. */
public record TableShape(String table, List<Column> columns, List<String> primaryKey) {
    public TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** Null when the table does not exist. */
    public static TableShape read(Connection connection, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, "
                + "EXTRA, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(4) == null ? "" : rs.getString(4).toUpperCase(java.util.Locale.ROOT);
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5),
                            extra.contains("GENERATED")));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT COLUMN_NAME FROM "
                + "information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                + "AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return new TableShape(table, columns, key);
    }

    /** Columns the copy writes: generated columns are computed by the target itself. */
    public List<Column> storedColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }

    public Column column(String name) {
        for (Column column : columns) {
            if (column.name().equalsIgnoreCase(name)) {
                return column;
            }
        }
        throw new IllegalArgumentException("table " + table + " has no column " + name);
    }

    /** Positions of {@code names} in {@link #storedColumns()}. */
    public int[] positions(List<String> names) {
        List<Column> stored = storedColumns();
        int[] out = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            out[i] = -1;
            for (int j = 0; j < stored.size(); j++) {
                if (stored.get(j).name().equalsIgnoreCase(names.get(i))) {
                    out[i] = j;
                }
            }
            if (out[i] < 0) {
                throw new IllegalArgumentException("table " + table + " has no stored column " + names.get(i));
            }
        }
        return out;
    }
}
