package io.shardgate.sql.analyze;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A value the router needs: a dynamic-parameter slot (a user {@code ?} or a literal the normalizer lifted out,
 * resolved per statement) or a constant the analyzer read from the tree. {@code negate} covers {@code -?}.
 */
public record ValueRef(int slot, Object constant, boolean negate) {

    public static ValueRef slot(int slot) {
        return new ValueRef(slot, null, false);
    }

    public static ValueRef constant(Object value) {
        return new ValueRef(-1, value, false);
    }

    public ValueRef negated() {
        return new ValueRef(slot, constant, !negate);
    }

    /** The value for one execution: {@code slotValues} holds each slot's value for this statement. */
    public Object resolve(List<Object> slotValues) {
        Object v = slot >= 0 ? slotValues.get(slot) : constant;
        return negate ? negate(v) : v;
    }

    private static Object negate(Object v) {
        if (v instanceof Long l) {
            return -l;
        }
        if (v instanceof Integer i) {
            return -(long) i;
        }
        if (v instanceof BigInteger b) {
            return b.negate();
        }
        if (v instanceof BigDecimal d) {
            return d.negate();
        }
        if (v instanceof Number n) {
            return -n.doubleValue();
        }
        if (v instanceof String s) {
            return new BigDecimal(s.trim()).negate();
        }
        throw new IllegalArgumentException("cannot negate " + v);
    }
}
