package io.shardgate.algorithm;

/**
 * An interval of shard-key values from a {@code <, <=, >, >=, BETWEEN} condition. A {@code null} bound is
 * unbounded. Bounds are raw JDBC-style values; algorithms compare them in their own key type.
 */
public record KeyRange(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {

    public static KeyRange atLeast(Object v) {
        return new KeyRange(v, true, null, false);
    }

    public static KeyRange greaterThan(Object v) {
        return new KeyRange(v, false, null, false);
    }

    public static KeyRange atMost(Object v) {
        return new KeyRange(null, false, v, true);
    }

    public static KeyRange lessThan(Object v) {
        return new KeyRange(null, false, v, false);
    }

    public static KeyRange between(Object lo, Object hi) {
        return new KeyRange(lo, true, hi, true);
    }

    @Override
    public String toString() {
        return (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower) + ", "
                + (upper == null ? "+inf)" : upper + (upperInclusive ? "]" : ")"));
    }
}
