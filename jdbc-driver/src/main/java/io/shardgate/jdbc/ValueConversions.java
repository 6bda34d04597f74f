package io.shardgate.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.Locale;

/**
 * Converts the values shard drivers return from {@code getObject} into what a typed getter asks for, the way the
 * MySQL and PostgreSQL drivers do for the common cases. A value that does not convert is an SQLException (22018).
 */
final class ValueConversions {
    /** {@code 2024-01-31 12:00:00} with fractional seconds only when present, as the backends print DATETIME. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private ValueConversions() {
    }

    static String toStringValue(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Timestamp t) {
            return DATE_TIME.format(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        return v.toString();
    }

    static boolean toBoolean(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = toStringValue(v).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "1", "true", "t", "y", "yes", "on" -> true;
            case "0", "false", "f", "n", "no", "off", "" -> false;
            default -> throw cannotConvert(v, "boolean");
        };
    }

    static long toLong(Object v, long min, long max, String type) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        BigDecimal d = toBigDecimal(v);
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new SQLDataException("value " + v + " is out of range for " + type, "22003");
        }
        return d.longValue();
    }

    static double toDouble(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        try {
            return Double.parseDouble(toStringValue(v).trim());
        } catch (NumberFormatException e) {
            throw cannotConvert(v, "double");
        }
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v instanceof Number n ? n.toString() : toStringValue(v).trim());
        } catch (NumberFormatException e) { // also NaN and infinities
            throw cannotConvert(v, "number");
        }
    }

    static byte[] toBytes(Object v) throws SQLException {
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw cannotConvert(v, "bytes");
    }

    /** The value as a wall-clock date and time, or null. */
    static LocalDateTime toLocalDateTime(Object v) throws SQLException {
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof Time t) {
            return t.toLocalTime().atDate(LocalDate.of(1970, 1, 1));
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof LocalTime t) {
            return t.atDate(LocalDate.of(1970, 1, 1));
        }
        if (v instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (v instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneId.systemDefault());
        }
        if (v instanceof java.util.Date d) {
            return LocalDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault());
        }
        String s = toStringValue(v).trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            return LocalDateTime.parse(s.replace(' ', 'T'));
        } catch (java.time.format.DateTimeParseException e) {
            throw cannotConvert(v, "date/time");
        }
    }

    /** A wall-clock value as the instant it denotes in {@code calendar}'s time zone, or the JVM's without one. */
    static Instant instant(LocalDateTime wallClock, Calendar calendar) {
        ZoneId zone = calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
        return wallClock.atZone(zone).toInstant();
    }

    static Timestamp toTimestamp(Object v, Calendar calendar) throws SQLException {
        if (v instanceof Timestamp t && calendar == null) {
            return t;
        }
        LocalDateTime t = toLocalDateTime(v);
        return t == null ? null : Timestamp.from(instant(t, calendar));
    }

    static java.sql.Date toDate(Object v, Calendar calendar) throws SQLException {
        if (v instanceof java.sql.Date d && calendar == null) {
            return d;
        }
        LocalDateTime t = toLocalDateTime(v);
        return t == null ? null : new java.sql.Date(instant(t.toLocalDate().atStartOfDay(), calendar).toEpochMilli());
    }

    static Time toTime(Object v, Calendar calendar) throws SQLException {
        if (v instanceof Time t && calendar == null) {
            return t;
        }
        LocalDateTime t = v instanceof String s && s.trim().length() <= 8
                ? LocalTime.parse(s.trim()).atDate(LocalDate.of(1970, 1, 1)) : toLocalDateTime(v);
        if (t == null) {
            return null;
        }
        return new Time(instant(t.toLocalTime().atDate(LocalDate.of(1970, 1, 1)), calendar).toEpochMilli());
    }

    /** {@code getObject(column, type)}: the value itself when it already has the type, else a conversion. */
    static <T> T toType(Object v, Class<T> type) throws SQLException {
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        Object converted;
        if (type == String.class) {
            converted = toStringValue(v);
        } else if (type == Long.class) {
            converted = toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "Long");
        } else if (type == Integer.class) {
            converted = (int) toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer");
        } else if (type == Short.class) {
            converted = (short) toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "Short");
        } else if (type == Byte.class) {
            converted = (byte) toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "Byte");
        } else if (type == Double.class) {
            converted = toDouble(v);
        } else if (type == Float.class) {
            converted = (float) toDouble(v);
        } else if (type == BigDecimal.class) {
            converted = toBigDecimal(v);
        } else if (type == BigInteger.class) {
            converted = toBigDecimal(v).toBigInteger();
        } else if (type == Boolean.class) {
            converted = toBoolean(v);
        } else if (type == byte[].class) {
            converted = toBytes(v);
        } else if (type == Timestamp.class) {
            converted = toTimestamp(v, null);
        } else if (type == java.sql.Date.class) {
            converted = toDate(v, null);
        } else if (type == Time.class) {
            converted = toTime(v, null);
        } else if (type == LocalDateTime.class) {
            converted = toLocalDateTime(v);
        } else if (type == LocalDate.class) {
            converted = toLocalDateTime(v).toLocalDate();
        } else if (type == LocalTime.class) {
            converted = toLocalDateTime(v).toLocalTime();
        } else if (type == Instant.class) {
            converted = instant(toLocalDateTime(v), null);
        } else {
            throw cannotConvert(v, type.getName());
        }
        return type.cast(converted);
    }

    private static SQLException cannotConvert(Object v, String type) {
        return new SQLDataException("cannot convert " + v.getClass().getSimpleName() + " value '" + v + "' to "
                + type, "22018");
    }
}
