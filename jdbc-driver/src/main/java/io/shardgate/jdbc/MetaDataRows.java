package io.shardgate.jdbc;

import io.shardgate.engine.QueryResult;
import io.shardgate.execute.ColumnInfo;
import io.shardgate.merge.ListCursor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A metadata result in memory, copied from a backend's {@code DatabaseMetaData} result set so its physical table
 * names can be replaced by logical ones and results of several data sources combined.
 */
final class MetaDataRows {
    /** Columns naming a table, as in getTables, getColumns, getPrimaryKeys, getImportedKeys and friends. */
    private static final List<String> TABLE_COLUMNS = List.of("TABLE_NAME", "PKTABLE_NAME", "FKTABLE_NAME");
    /** Catalog and schema columns: physical (one per shard database), so not shown. */
    private static final List<String> NAMESPACE_COLUMNS = List.of("TABLE_CAT", "TABLE_SCHEM", "PKTABLE_CAT",
            "PKTABLE_SCHEM", "FKTABLE_CAT", "FKTABLE_SCHEM");

    private final List<ColumnInfo> columns;
    private final List<Object[]> rows;

    private MetaDataRows(List<ColumnInfo> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads and closes a backend result set. */
    static MetaDataRows read(ResultSet rs) throws SQLException {
        try (rs) {
            List<ColumnInfo> columns = ColumnInfo.copyOf(rs.getMetaData());
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
            return new MetaDataRows(columns, rows);
        }
    }

    /** An empty result with VARCHAR columns. */
    static MetaDataRows empty(String... labels) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (String label : labels) {
            columns.add(ColumnInfo.varchar(label));
        }
        return new MetaDataRows(columns, new ArrayList<>());
    }

    /** 0-based index of a column by label, or -1. */
    int column(String label) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).label().equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    String text(Object[] row, String label) {
        int i = column(label);
        return i < 0 || row[i] == null ? null : row[i].toString();
    }

    MetaDataRows keep(Predicate<Object[]> predicate) {
        rows.removeIf(predicate.negate());
        return this;
    }

    /** Rows whose TABLE_NAME is {@code name}, ignoring case (a lookup by pattern may match more). */
    MetaDataRows keepTable(String name) {
        return keep(row -> name.equalsIgnoreCase(text(row, "TABLE_NAME")));
    }

    /**
     * Replaces physical table names of {@code dataSource} with their logical names (names no rule knows stay)
     * and blanks catalog and schema, which differ per shard database and mean nothing to the application.
     */
    MetaDataRows toLogical(String dataSource, LogicalSchema schema) {
        for (Object[] row : rows) {
            for (String label : TABLE_COLUMNS) {
                int i = column(label);
                if (i >= 0 && row[i] != null) {
                    String logical = schema.logicalName(dataSource, row[i].toString());
                    if (logical != null) {
                        row[i] = logical;
                    }
                }
            }
            for (String label : NAMESPACE_COLUMNS) {
                int i = column(label);
                if (i >= 0) {
                    row[i] = null;
                }
            }
        }
        return this;
    }

    MetaDataRows addAll(MetaDataRows other) {
        rows.addAll(other.rows);
        return this;
    }

    /** Sorts by the given columns' text, ignoring case; numbers compare as numbers. */
    MetaDataRows sortBy(String... labels) {
        Comparator<Object[]> order = (a, b) -> 0;
        for (String label : labels) {
            int i = column(label);
            if (i >= 0) {
                order = order.thenComparing(row -> row[i], MetaDataRows::compareValues);
            }
        }
        rows.sort(order);
        return this;
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return a.toString().toLowerCase(Locale.ROOT).compareTo(b.toString().toLowerCase(Locale.ROOT));
    }

    /** A result set over these rows; its {@code getStatement()} is null, as for every metadata result. */
    ResultSet toResultSet() {
        return new ShardgateResultSet(null, new QueryResult(columns, new ListCursor(columns.size(), rows)));
    }
}
