package io.shardgate.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Conversions of JDBC-style key values shared by the algorithms. Every Java numeric type is compared by its
 * mathematical value, so {@code Integer 5}, {@code Long 5L} and {@code BigDecimal 5.0} are the same key.
 */
final class KeyValues {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private KeyValues() {
    }

    /** True for the fixed-width integer types whose value is a {@code long} without conversion. */
    static boolean isPlainInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /**
     * The exact decimal value of a number, or of a string that parses as one when {@code acceptStrings}
     * (drivers often bind numbers with {@code setString}); {@code null} for anything else.
     */
    static BigDecimal decimalOrNull(Object value, boolean acceptStrings) {
        if (isPlainInteger(value)) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // valueOf uses the shortest decimal that round-trips, so 0.1 stays 0.1
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (acceptStrings && value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The integer value of a number without a fraction (or such a numeric string), or {@code null}. */
    static BigInteger integerOrNull(Object value, boolean acceptStrings) {
        if (isPlainInteger(value)) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        BigDecimal d = decimalOrNull(value, acceptStrings);
        if (d == null) {
            return null;
        }
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            return null;
        }
    }

    static boolean fitsLong(BigInteger i) {
        return i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0;
    }

    /** The value and its Java type, for error messages: {@code 'abc' (String)}. */
    static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }
}
