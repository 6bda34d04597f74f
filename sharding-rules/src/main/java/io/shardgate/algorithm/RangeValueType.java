package io.shardgate.algorithm;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How a {@link RangeAlgorithm} reads and orders its key values. Each type normalizes the many JDBC shapes of a
 * value to one comparable form, so an {@code Integer} key meets a {@code BigDecimal} bound correctly.
 */
public enum RangeValueType {
    /** Numbers of any Java type, compared by value; numeric strings are read as numbers. */
    NUMBER {
        @Override
        Object normalize(Object value) {
            BigDecimal d = KeyValues.decimalOrNull(value, true);
            if (d == null) {
                throw new ShardingException("cannot use " + KeyValues.describe(value)
                        + " as a key of a number range rule: not a number");
            }
            // drops the scale so that equal bounds are equal() whatever their written form (10 vs 10.0)
            return d.stripTrailingZeros();
        }

        @Override
        int compare(Object a, Object b) {
            return ((BigDecimal) a).compareTo((BigDecimal) b);
        }
    },

    /**
     * Dates and date-times ({@code LocalDate}, {@code LocalDateTime}, {@code java.sql.Date}, {@code Timestamp},
     * ISO strings {@code 2024-01-31}, {@code 2024-01-31T10:15:30} or {@code 2024-01-31 10:15:30}); a date is its
     * midnight. Zoned types are refused: which day they fall on depends on a time zone the rule does not know.
     */
    DATE {
        @Override
        Object normalize(Object value) {
            if (value instanceof LocalDateTime t) {
                return t;
            }
            if (value instanceof LocalDate d) {
                return d.atStartOfDay();
            }
            if (value instanceof Timestamp t) {
                return t.toLocalDateTime();
            }
            if (value instanceof java.sql.Date d) {
                return d.toLocalDate().atStartOfDay();
            }
            if (value instanceof String s) {
                return parseDate(s.trim());
            }
            throw new ShardingException("cannot use " + KeyValues.describe(value) + " as a key of a date range "
                    + "rule; expected a LocalDate, LocalDateTime, java.sql.Date, Timestamp or ISO date string");
        }

        @Override
        int compare(Object a, Object b) {
            return ((LocalDateTime) a).compareTo((LocalDateTime) b);
        }
    },

    /** Strings, compared by Unicode code point: the order of their UTF-8 bytes, as a binary collation sorts. */
    STRING {
        @Override
        Object normalize(Object value) {
            if (value instanceof String s) {
                return s;
            }
            throw new ShardingException("cannot use " + KeyValues.describe(value)
                    + " as a key of a string range rule: not a string");
        }

        @Override
        int compare(Object a, Object b) {
            String x = (String) a;
            String y = (String) b;
            int i = 0;
            int j = 0;
            while (i < x.length() && j < y.length()) {
                int cx = x.codePointAt(i);
                int cy = y.codePointAt(j);
                if (cx != cy) {
                    return Integer.compare(cx, cy);
                }
                i += Character.charCount(cx);
                j += Character.charCount(cy);
            }
            return Integer.compare(x.length() - i, y.length() - j);
        }
    };

    /**
     * The canonical, comparable form of a key value or bound.
     *
     * @throws ShardingException naming the value when this type cannot read it
     */
    abstract Object normalize(Object value);

    /** Orders two normalized values. */
    abstract int compare(Object a, Object b);

    /** The name used in configuration: {@code number}, {@code date} or {@code string}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static LocalDateTime parseDate(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            boolean sqlStyle = text.length() > 10 && text.charAt(10) == ' ';
            return LocalDateTime.parse(sqlStyle ? text.substring(0, 10) + 'T' + text.substring(11) : text);
        } catch (DateTimeParseException e) {
            throw new ShardingException("cannot use '" + text + "' as a key of a date range rule: expected an ISO "
                    + "date like 2024-01-31 or date-time like 2024-01-31T10:15:30");
        }
    }
}
