package io.shardgate.reshard.stream;

import io.shardgate.reshard.db.Column;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns primary-key values from binlog row images into the form the copy reads them in ({@code String}, or
 * {@code byte[]} for binary columns), so the stream can look rows up by key. Only the key is decoded: the stream
 * re-reads the whole row from the source, so the many other column types never need converting.
 */
public final class BinlogKeyValues {
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
    private static final Set<String> BYTES = Set.of("binary", "varbinary");

    private BinlogKeyValues() {
    }

    /** Null when the stream can decode this column as a key part, else why not. */
    public static String unsupported(Column column) {
        if (column.integer() || column.dataType().equals("decimal") || BYTES.contains(column.dataType())) {
            return null;
        }
        if (TEXT.contains(column.dataType())) {
            return charset(column) == null ? "character set " + column.charset() + " is not supported" : null;
        }
        return "type " + column.dataType() + " is not supported as a primary-key column by the change stream";
    }

    public static Object decode(Column column, Serializable value) {
        if (value == null) {
            return null;
        }
        if (column.integer()) {
            long n = ((Number) value).longValue();
            if (column.unsigned() && n < 0) {
                BigInteger span = BigInteger.ONE.shiftLeft(column.integerBits());
                return BigInteger.valueOf(n).add(span).toString();
            }
            if (column.unsigned() && column.integerBits() < 64) {
                return Long.toString(n & ((1L << column.integerBits()) - 1));
            }
            return Long.toString(n);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (BYTES.contains(column.dataType())) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, charset(column));
        }
        return value.toString();
    }

    private static Charset charset(Column column) {
        String name = column.charset() == null ? "" : column.charset().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "utf8mb4", "utf8mb3", "utf8" -> StandardCharsets.UTF_8;
            case "ascii" -> StandardCharsets.US_ASCII;
            case "latin1" -> Charset.forName("windows-1252"); // MariaDB's latin1 is cp1252
            default -> null;
        };
    }
}
