package io.shardgate.merge;

import io.shardgate.route.MergePlan;
import io.shardgate.sql.parse.Dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;

/**
 * Combines the partial aggregates of several shards for one group, with MySQL's result types: COUNT is a Long;
 * SUM of integers stays integral (Long, BigDecimal past Long's range), of decimals a BigDecimal, of floating
 * point a Double; MIN/MAX compare like the backend; AVG is the sum of the shards' SUMs over the sum of their
 * COUNTs, as a BigDecimal with the scale the backend would give its own AVG: for MySQL four more decimals than
 * the sum ({@code div_precision_increment}), for PostgreSQL its numeric division scale.
 * NULL partials (a shard with no rows for the group) are skipped.
 */
final class Aggregation {
    /** MySQL's default {@code div_precision_increment}. */
    static final int AVG_EXTRA_SCALE = 4;

    private Aggregation() {
    }

    /** The first partial of a group, in the type the combined value will have. */
    static Object first(MergePlan.Function function, Object partial) throws SQLException {
        return switch (function) {
            case COUNT -> partial == null ? 0L : toLong(partial);
            case SUM, AVG -> partial instanceof Integer || partial instanceof Short || partial instanceof Byte
                    ? Long.valueOf(((Number) partial).longValue()) : partial;
            case MIN, MAX -> partial;
        };
    }

    /** {@code accumulated} combined with one more shard's partial. */
    static Object combine(MergePlan.Function function, Object accumulated, Object partial, ValueComparator values)
            throws SQLException {
        if (partial == null) {
            return accumulated;
        }
        return switch (function) {
            case COUNT -> Math.addExact(toLong(accumulated), toLong(partial));
            case SUM, AVG -> accumulated == null ? first(function, partial) : add(accumulated, partial);
            case MIN -> accumulated == null || values.compare(partial, accumulated) < 0 ? partial : accumulated;
            case MAX -> accumulated == null || values.compare(partial, accumulated) > 0 ? partial : accumulated;
        };
    }

    /** The average from a combined SUM and COUNT; NULL when there were no non-NULL values. */
    static Object average(Object sum, Object count, Dialect dialect) throws SQLException {
        long n = count == null ? 0 : toLong(count);
        if (sum == null || n == 0) {
            return null;
        }
        if (sum instanceof Double || sum instanceof Float) {
            return ((Number) sum).doubleValue() / n;
        }
        BigDecimal total = asBigDecimal(sum);
        BigDecimal divisor = BigDecimal.valueOf(n);
        int scale = dialect == Dialect.POSTGRESQL ? PostgresNumericScale.ofDivision(total, divisor)
                : Math.max(0, total.scale()) + AVG_EXTRA_SCALE;
        return total.divide(divisor, scale, RoundingMode.HALF_UP);
    }

    private static Object add(Object a, Object b) throws SQLException {
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            throw new SQLException("cannot add partial sums " + a + " and " + b + " from different shards", "22000");
        }
        if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
            return x.doubleValue() + y.doubleValue();
        }
        if (x instanceof Long && isSmallIntegral(y)) {
            try {
                return Math.addExact(x.longValue(), y.longValue());
            } catch (ArithmeticException overflow) {
                return BigDecimal.valueOf(x.longValue()).add(BigDecimal.valueOf(y.longValue()));
            }
        }
        return asBigDecimal(x).add(asBigDecimal(y));
    }

    private static boolean isSmallIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal asBigDecimal(Object n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return ValueComparator.toBigDecimal((Number) n);
    }

    static long toLong(Object v) throws SQLException {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new SQLException("a shard returned a non-numeric count: " + v, "22000");
    }
}
