package io.shardgate.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.BitSet;
import java.util.List;

/**
 * Integer keys, shard {@code floorMod(key, n)}. Simple and predictable, but changing {@code n} moves almost every
 * key; prefer {@link HashAlgorithm} when shards may be split later. Numeric strings are accepted as their number
 * because drivers often bind keys with {@code setString}.
 */
public final class ModAlgorithm implements ShardingAlgorithm {
    private final int shards;

    public ModAlgorithm(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("mod sharding needs at least one shard, got " + shards);
        }
        this.shards = shards;
    }

    @Override
    public int shardCount() {
        return shards;
    }

    @Override
    public int shardFor(List<Object> key) {
        Object value = key.get(0);
        if (KeyValues.isPlainInteger(value)) {
            return Math.floorMod(((Number) value).longValue(), shards);
        }
        BigInteger integer = KeyValues.integerOrNull(value, true);
        if (integer == null) {
            throw new ShardingException("cannot use shard key " + KeyValues.describe(value)
                    + " with mod sharding: it needs an integer");
        }
        return shardOf(integer);
    }

    /**
     * For a bounded range narrower than the shard count, the shards of its integers; otherwise every shard (an
     * interval of n consecutive integers meets every residue). An empty range selects no shard.
     */
    @Override
    public BitSet shardsForRange(int column, KeyRange range) {
        if (range.lower() == null || range.upper() == null) {
            return all();
        }
        BigInteger first = ceiling(decimal(range.lower()), range.lowerInclusive());
        BigInteger last = floor(decimal(range.upper()), range.upperInclusive());
        BigInteger width = last.subtract(first).add(BigInteger.ONE);
        if (width.compareTo(BigInteger.valueOf(shards)) >= 0) {
            return all();
        }
        BitSet selected = new BitSet(shards);
        for (int i = 0; i < width.intValue(); i++) {
            selected.set(shardOf(first.add(BigInteger.valueOf(i))));
        }
        return selected;
    }

    private int shardOf(BigInteger integer) {
        return integer.mod(BigInteger.valueOf(shards)).intValue();
    }

    private static BigDecimal decimal(Object bound) {
        BigDecimal d = KeyValues.decimalOrNull(bound, true);
        if (d == null) {
            throw new ShardingException("cannot compare range bound " + KeyValues.describe(bound)
                    + " with an integer shard key");
        }
        return d;
    }

    /** The smallest integer inside a lower bound. */
    private static BigInteger ceiling(BigDecimal bound, boolean inclusive) {
        BigInteger ceiling = bound.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        boolean isInteger = bound.compareTo(new BigDecimal(ceiling)) == 0;
        return isInteger && !inclusive ? ceiling.add(BigInteger.ONE) : ceiling;
    }

    /** The largest integer inside an upper bound. */
    private static BigInteger floor(BigDecimal bound, boolean inclusive) {
        BigInteger floor = bound.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        boolean isInteger = bound.compareTo(new BigDecimal(floor)) == 0;
        return isInteger && !inclusive ? floor.subtract(BigInteger.ONE) : floor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModAlgorithm other && shards == other.shards;
    }

    @Override
    public int hashCode() {
        return shards;
    }

    @Override
    public String toString() {
        return "mod(" + shards + ")";
    }
}
