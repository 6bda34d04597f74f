package io.shardgate.execute;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client needs to know about one result column, copied from the first shard's metadata when the
 * statement runs. A copy rather than the driver's object: the shard's result set and connection may be gone
 * before the client asks, and the proxy needs the same description to write column definitions. Only properties
 * every driver answers without another round trip are copied (PostgreSQL's nullability and table name cost a
 * query); physical table names would be wrong to show anyway.
 */
public record ColumnInfo(String label, String name, int type, String typeName, String className, int precision,
                         int scale, int displaySize, boolean signed) {

    /** A VARCHAR column the engine produces itself (PREVIEW rows). */
    public static ColumnInfo varchar(String label) {
        return new ColumnInfo(label, label, Types.VARCHAR, "VARCHAR", String.class.getName(), 65535, 0, 65535, false);
    }

    public static List<ColumnInfo> copyOf(ResultSetMetaData metaData) throws SQLException {
        int count = metaData.getColumnCount();
        List<ColumnInfo> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(new ColumnInfo(metaData.getColumnLabel(i), metaData.getColumnName(i),
                    metaData.getColumnType(i), metaData.getColumnTypeName(i), metaData.getColumnClassName(i),
                    metaData.getPrecision(i), metaData.getScale(i), metaData.getColumnDisplaySize(i),
                    metaData.isSigned(i)));
        }
        return columns;
    }
}
