package io.shardgate.reshard.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * A column as information_schema describes it. Values travel through the tool as the text protocol delivers them:
 * a {@code String} for character, numeric and temporal types (so nothing is lost to a Java type), raw
 * {@code byte[]} for binary ones. {@link #keyValue} turns such a value into what a driver would have bound, for the
 * sharding algorithm.
 */
public record Column(String name, String dataType, String columnType, String charset, boolean generated) {
    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob", "bit", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection");
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set", "json");
    private static final Set<String> INTEGER = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "year");

    public Column {
        dataType = dataType.toLowerCase(Locale.ROOT);
    }

    /**
     * How the tool selects this column: numbers, dates and times as the server's own text ({@code CAST(c AS CHAR)}),
     * because MariaDB Connector/J's {@code getString} re-formats some of them (it prints the fraction of
     * {@code 12:00:00.075} as {@code .75000}); that text written back yields the same value, as a dump would.
     */
    public String selectExpression() {
        String quoted = Sql.quote(name);
        return binary() || TEXT.contains(dataType) ? quoted : "CAST(" + quoted + " AS CHAR)";
    }

    public boolean binary() {
        return BINARY.contains(dataType);
    }

    public boolean unsigned() {
        return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
    }

    public boolean integer() {
        return INTEGER.contains(dataType);
    }

    /** Bits of an integer type, for undoing the sign of unsigned values a binlog reader hands over as signed. */
    public int integerBits() {
        return switch (dataType) {
            case "tinyint" -> 8;
            case "smallint", "year" -> 16;
            case "mediumint" -> 24;
            case "int", "integer" -> 32;
            default -> 64;
        };
    }

    /** The value a JDBC driver would bind for this column, for {@code ShardingAlgorithm.shardFor}. */
    public Object keyValue(Object raw) {
        if (raw == null || raw instanceof byte[]) {
            return raw;
        }
        String text = (String) raw;
        if (integer()) {
            BigInteger value = new BigInteger(text);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }
        return switch (dataType) {
            case "decimal", "numeric" -> new BigDecimal(text);
            case "float", "double", "real" -> Double.valueOf(text);
            case "date" -> LocalDate.parse(text);
            case "datetime", "timestamp" -> LocalDateTime.parse(text.replace(' ', 'T'));
            default -> text;
        };
    }
}
