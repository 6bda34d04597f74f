package io.shardgate.merge;

import io.shardgate.sql.parse.Dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders column values the way the backends do, so a k-way merge agrees with each shard's own ORDER BY and
 * groups match the backend's notion of equality.
 *
 * <ul>
 *   <li>NULL: MySQL sorts it first in ascending order (smallest value); PostgreSQL sorts it last (largest
 *       value). The planner refuses explicit NULLS FIRST/LAST across shards, so the default is all there is.</li>
 *   <li>Numbers compare numerically across Java types (Long vs BigDecimal vs Double).</li>
 *   <li>Strings: for MySQL, case-insensitively with the weight function of MariaDB's default collation
 *       {@code utf8mb4_general_ci} (each code point upper-cased, then code-point order, trailing spaces ignored
 *       as in PAD SPACE collations). We do not use {@link java.text.Collator}: its UCA order puts punctuation
 *       before letters while general_ci does not, and a merge whose order disagrees with the shards' returns
 *       rows out of order. Accents stay significant (general_ci would fold them). For PostgreSQL, code-point
 *       order, which is the {@code C} collation's.</li>
 *   <li>byte arrays: unsigned lexicographic; dates and timestamps chronologically, also across types.</li>
 * </ul>
 */
public final class ValueComparator implements Comparator<Object> {
    private final Dialect dialect;
    private final boolean caseInsensitive;
    private final int nullOrder;

    private ValueComparator(Dialect dialect) {
        this.dialect = dialect;
        this.caseInsensitive = dialect == Dialect.MYSQL;
        this.nullOrder = dialect == Dialect.MYSQL ? -1 : 1;
    }

    public static ValueComparator forDialect(Dialect dialect) {
        return new ValueComparator(dialect);
    }

    /** The backend dialect whose ordering and arithmetic this follows. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : nullOrder) : -nullOrder;
        }
        if (a instanceof Boolean x) {
            a = x ? 1 : 0; // MySQL booleans are TINYINT(1)
        }
        if (b instanceof Boolean y) {
            b = y ? 1 : 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof Number x && b instanceof String y) {
            return compareNumberToString(x, y);
        }
        if (a instanceof String x && b instanceof Number y) {
            return -compareNumberToString(y, x);
        }
        Object ta = temporal(a);
        Object tb = temporal(b);
        if (ta != null && tb != null && ta.getClass() == tb.getClass()) {
            return compareSameClass(ta, tb);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return compareSameClass(a, b);
        }
        return compareStrings(a.toString(), b.toString());
    }

    /**
     * A value whose {@code equals} and {@code hashCode} agree with {@link #compare} returning 0, for grouping
     * and DISTINCT: numbers of any type as a normalized BigDecimal, strings folded like the comparison, byte
     * arrays by content, temporal values on one time line.
     */
    public Object equalityKey(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Number n) {
            BigDecimal d = toBigDecimal(n);
            return d == null ? n.doubleValue() : (d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
        }
        if (v instanceof String s) {
            return fold(s);
        }
        if (v instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        Object t = temporal(v);
        return t != null ? t : v;
    }

    private static int compareNumbers(Number x, Number y) {
        if (isIntegral(x) && isIntegral(y)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        BigDecimal dx = toBigDecimal(x);
        BigDecimal dy = toBigDecimal(y);
        if (dx == null || dy == null) { // NaN or infinity
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return dx.compareTo(dy);
    }

    /** MySQL compares a number with a string numerically when the string is a number. */
    private int compareNumberToString(Number x, String y) {
        try {
            return compareNumbers(x, new BigDecimal(y.trim()));
        } catch (NumberFormatException e) {
            return compareStrings(x.toString(), y);
        }
    }

    private int compareStrings(String x, String y) {
        return caseInsensitive ? compareCodePoints(x, trimmedLength(x), y, trimmedLength(y), true)
                : compareCodePoints(x, x.length(), y, y.length(), false);
    }

    private static int compareCodePoints(String x, int xLength, String y, int yLength, boolean fold) {
        int i = 0;
        int j = 0;
        while (i < xLength && j < yLength) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                int wx = fold ? Character.toUpperCase(cx) : cx;
                int wy = fold ? Character.toUpperCase(cy) : cy;
                if (wx != wy) {
                    return Integer.compare(wx, wy);
                }
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < xLength, j < yLength);
    }

    private Object fold(String s) {
        if (!caseInsensitive) {
            return s;
        }
        String trimmed = s.substring(0, trimmedLength(s));
        StringBuilder folded = new StringBuilder(trimmed.length());
        trimmed.codePoints().map(Character::toUpperCase).forEach(folded::appendCodePoint);
        return folded.toString();
    }

    private static int trimmedLength(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** The exact value of a number, or null for NaN and infinities. */
    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }

    /** Dates and times on one scale: LocalDateTime for local values, Instant for zoned ones; else null. */
    private static Object temporal(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof LocalDateTime || v instanceof Instant || v instanceof java.time.LocalTime) {
            return v;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareSameClass(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
