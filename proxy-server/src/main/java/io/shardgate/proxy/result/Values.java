package io.shardgate.proxy.result;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;

/**
 * Converts the Java objects shard drivers return from {@code getObject} to what the MySQL wire carries: integers,
 * floating point, dates and times, and the text form MySQL itself prints (no exponent for integral doubles,
 * {@code yyyy-MM-dd HH:mm:ss} with the column's fractional digits, 1/0 for booleans).
 */
final class Values {

    private Values() {
    }

    static byte[] text(Object v, int decimals) throws SQLException {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Blob blob) {
            long length = blob.length();
            if (length > Integer.MAX_VALUE - 8) {
                throw new SQLException("a BLOB of " + length + " bytes is too large to send", "HY000");
            }
            return blob.getBytes(1, (int) length);
        }
        return string(v, decimals).getBytes(StandardCharsets.UTF_8);
    }

    private static String string(Object v, int decimals) throws SQLException {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return floating(((Number) v).doubleValue(), v instanceof Float);
        }
        if (v instanceof Clob clob) {
            long length = clob.length();
            if (length > Integer.MAX_VALUE / 4) {
                throw new SQLException("a CLOB of " + length + " characters is too large to send", "HY000");
            }
            return clob.getSubString(1, (int) length);
        }
        if (v instanceof java.sql.Timestamp || v instanceof LocalDateTime || v instanceof OffsetDateTime
                || v instanceof ZonedDateTime) {
            LocalDateTime t = localDateTime(v);
            return t.toLocalDate() + " " + time(t.toLocalTime(), decimals);
        }
        if (v instanceof java.sql.Date || v instanceof LocalDate) {
            return localDate(v).toString();
        }
        if (v instanceof java.sql.Time || v instanceof LocalTime || v instanceof OffsetTime) {
            return time(localTime(v), decimals);
        }
        return v.toString();
    }

    /** MySQL prints integral doubles without ".0" or an exponent while they stay exact. */
    private static String floating(double d, boolean single) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return single ? Float.toString((float) d) : Double.toString(d);
    }

    /** HH:mm:ss and, for a column with fractional seconds, exactly that many digits. */
    private static String time(LocalTime t, int decimals) {
        String hms = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (decimals <= 0 || decimals > 6) {
            return t.getNano() == 0 || decimals > 6 ? hms : hms + "." + String.format("%06d", t.getNano() / 1000);
        }
        return hms + "." + String.format("%09d", t.getNano()).substring(0, decimals);
    }

    static long toLong(Object v) throws SQLException {
        if (v instanceof Number n) {
            return n.longValue(); // for BIGINT UNSIGNED beyond Long.MAX_VALUE, the same 64 bits
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof byte[] bits && bits.length <= 8) {
            long value = 0;
            for (byte b : bits) {
                value = value << 8 | (b & 0xFF);
            }
            return value;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw cannot(v, "an integer");
        }
    }

    static double toDouble(Object v) throws SQLException {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw cannot(v, "a floating point number");
        }
    }

    static LocalDate localDate(Object v) throws SQLException {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        return localDateTime(v).toLocalDate();
    }

    static LocalDateTime localDateTime(Object v) throws SQLException {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof OffsetDateTime t) {
            return t.toLocalDateTime();
        }
        if (v instanceof ZonedDateTime t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        throw cannot(v, "a date and time");
    }

    static LocalTime localTime(Object v) throws SQLException {
        if (v instanceof java.sql.Time t) {
            // Time.toLocalTime() drops milliseconds; the epoch value keeps them
            return t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
        }
        if (v instanceof LocalTime t) {
            return t;
        }
        if (v instanceof OffsetTime t) {
            return t.toLocalTime();
        }
        return localDateTime(v).toLocalTime();
    }

    private static SQLException cannot(Object v, String what) {
        return new SQLException("cannot send a value of " + v.getClass().getName() + " (" + v + ") as " + what,
                "HY000");
    }
}
