package io.shardgate.proxy.result;

import io.shardgate.execute.ColumnInfo;
import io.shardgate.proxy.protocol.Collations;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ColumnFlags;
import io.shardgate.proxy.protocol.FieldType;

import java.sql.Types;
import java.util.Locale;

/**
 * Describes a result column the way a MySQL server would, from the JDBC metadata the engine copied from the first
 * shard. The choice of type decides both how clients decode the column and which binary encoding the proxy uses
 * ({@link RowEncoder}), so each JDBC type maps to exactly one MySQL type. Text columns carry utf8mb4, everything
 * else the binary pseudo-charset: clients read a string column with charset 63 as bytes, so that distinction is
 * what keeps VARCHAR and VARBINARY apart.
 */
public final class ColumnMapping {
    private static final long MAX_LENGTH = 0xFFFFFFFFL;
    /** Floating point of unspecified scale. */
    private static final int NOT_FIXED_DECIMALS = 0x1f;
    private static final int NUMERIC = ColumnFlags.NUM | ColumnFlags.BINARY;

    private ColumnMapping() {
    }

    public static ColumnDefinition41 definition(ColumnInfo c, String schema) {
        String name = c.label();
        String orgName = c.name() == null ? name : c.name();
        return switch (c.type()) {
            case Types.BOOLEAN -> numeric(schema, name, orgName, FieldType.TINY, 1, 0, c);
            case Types.BIT -> c.precision() > 1
                    ? column(schema, name, orgName, Collations.BINARY, c.precision(), FieldType.BIT,
                    ColumnFlags.UNSIGNED | ColumnFlags.BINARY, 0)
                    : numeric(schema, name, orgName, FieldType.TINY, 1, 0, c);
            case Types.TINYINT -> numeric(schema, name, orgName, FieldType.TINY, 4, 0, c);
            case Types.SMALLINT -> numeric(schema, name, orgName, FieldType.SHORT, 6, 0, c);
            case Types.INTEGER -> typeName(c).contains("MEDIUMINT")
                    ? numeric(schema, name, orgName, FieldType.INT24, 9, 0, c)
                    : numeric(schema, name, orgName, FieldType.LONG, 11, 0, c);
            case Types.BIGINT -> numeric(schema, name, orgName, FieldType.LONGLONG, 20, 0, c);
            case Types.REAL -> numeric(schema, name, orgName, FieldType.FLOAT, 12, NOT_FIXED_DECIMALS, c);
            case Types.FLOAT, Types.DOUBLE ->
                    numeric(schema, name, orgName, FieldType.DOUBLE, 22, NOT_FIXED_DECIMALS, c);
            case Types.DECIMAL, Types.NUMERIC -> numeric(schema, name, orgName, FieldType.NEWDECIMAL,
                    Math.max(1, c.precision()) + 2L, Math.max(0, Math.min(c.scale(), 30)), c);
            case Types.DATE -> column(schema, name, orgName, Collations.BINARY, 10, FieldType.DATE,
                    ColumnFlags.BINARY, 0);
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> temporal(schema, name, orgName, FieldType.TIME, 10, c);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> temporal(schema, name, orgName,
                    typeName(c).equals("TIMESTAMP") ? FieldType.TIMESTAMP : FieldType.DATETIME, 19, c);
            case Types.CHAR, Types.NCHAR -> text(schema, name, orgName, FieldType.STRING, c, 0);
            case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB ->
                    text(schema, name, orgName, FieldType.BLOB, c, ColumnFlags.BLOB);
            case Types.BINARY -> bytes(schema, name, orgName, FieldType.STRING, c, 0);
            case Types.VARBINARY -> bytes(schema, name, orgName, FieldType.VAR_STRING, c, 0);
            case Types.LONGVARBINARY, Types.BLOB -> bytes(schema, name, orgName, FieldType.BLOB, c, ColumnFlags.BLOB);
            case Types.NULL -> column(schema, name, orgName, Collations.BINARY, 0, FieldType.NULL,
                    ColumnFlags.BINARY, 0);
            // VARCHAR, and what MySQL has no type for (JSON, UUID, arrays): sent as their text
            default -> text(schema, name, orgName, FieldType.VAR_STRING, c, 0);
        };
    }

    private static String typeName(ColumnInfo c) {
        return c.typeName() == null ? "" : c.typeName().toUpperCase(Locale.ROOT);
    }

    private static ColumnDefinition41 numeric(String schema, String name, String orgName, FieldType type,
                                              long length, int decimals, ColumnInfo c) {
        int flags = NUMERIC | (c.signed() ? 0 : ColumnFlags.UNSIGNED);
        return column(schema, name, orgName, Collations.BINARY, length, type, flags, decimals);
    }

    private static ColumnDefinition41 temporal(String schema, String name, String orgName, FieldType type,
                                               long length, ColumnInfo c) {
        int fraction = Math.max(0, Math.min(c.scale(), 6));
        int flags = ColumnFlags.BINARY | (type == FieldType.TIMESTAMP ? ColumnFlags.TIMESTAMP : 0);
        return column(schema, name, orgName, Collations.BINARY, length + (fraction > 0 ? fraction + 1 : 0), type,
                flags, fraction);
    }

    /** utf8mb4 takes up to four bytes a character; length is in bytes. */
    private static ColumnDefinition41 text(String schema, String name, String orgName, FieldType type,
                                           ColumnInfo c, int flags) {
        return column(schema, name, orgName, Collations.UTF8MB4_GENERAL_CI, width(c) * 4, type, flags, 0);
    }

    private static ColumnDefinition41 bytes(String schema, String name, String orgName, FieldType type,
                                            ColumnInfo c, int flags) {
        return column(schema, name, orgName, Collations.BINARY, width(c), type, flags | ColumnFlags.BINARY, 0);
    }

    private static long width(ColumnInfo c) {
        long width = Math.max(c.precision(), c.displaySize());
        return width <= 0 ? 65535 : width;
    }

    private static ColumnDefinition41 column(String schema, String name, String orgName, int collation,
                                             long length, FieldType type, int flags, int decimals) {
        // The shards' physical table names would be wrong to show and the logical ones are not known per column.
        return new ColumnDefinition41(schema, "", "", name, orgName, collation, Math.min(length, MAX_LENGTH), type,
                flags, decimals);
    }
}
