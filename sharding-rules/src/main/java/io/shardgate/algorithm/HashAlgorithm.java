package io.shardgate.algorithm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash sharding over the keyspace id space ({@link KeyspaceId}): shard {@code i} owns the contiguous range
 * {@code ranges().get(i)}, and the ranges cover the whole space in order, without gaps or overlaps. Because shards
 * own ranges rather than residues, splitting a shard in two only moves that shard's keys, each to one half.
 */
public final class HashAlgorithm implements ShardingAlgorithm {
    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

    private final List<KeyspaceRange> ranges;
    /** Range starts, in order, for the binary search. */
    private final long[] starts;

    private HashAlgorithm(List<KeyspaceRange> ranges) {
        this.ranges = List.copyOf(ranges);
        this.starts = ranges.stream().mapToLong(KeyspaceRange::start).toArray();
    }

    /** {@code shards} equal ranges: shard {@code i} owns {@code [floor(i*2^64/n), floor((i+1)*2^64/n))}. */
    public static HashAlgorithm evenly(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("hash sharding needs at least one shard, got " + shards);
        }
        List<KeyspaceRange> ranges = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            ranges.add(new KeyspaceRange(boundary(i, shards), boundary(i + 1, shards)));
        }
        return new HashAlgorithm(ranges);
    }

    /**
     * Shards owning explicit ranges in Vitess notation, shard {@code i} owning {@code ranges.get(i)}, e.g.
     * {@code ["-40", "40-80", "80-"]}.
     *
     * @throws IllegalArgumentException naming the offending range when the ranges are malformed, out of order,
     *                                  overlap, leave a gap, or do not cover the whole space
     */
    public static HashAlgorithm ofRanges(List<String> notations) {
        if (notations.isEmpty()) {
            throw new IllegalArgumentException("no ranges: they must cover the whole keyspace, e.g. [\"-\"] or "
                    + "[\"-80\", \"80-\"]");
        }
        List<KeyspaceRange> ranges = new ArrayList<>(notations.size());
        for (String notation : notations) {
            ranges.add(KeyspaceRange.parse(notation));
        }
        if (ranges.get(0).start() != 0) {
            throw new IllegalArgumentException("range " + ranges.get(0) + " is first but does not start at the "
                    + "beginning of the keyspace; ids below " + KeyspaceId.format(ranges.get(0).start())
                    + " would have no shard");
        }
        for (int i = 1; i < ranges.size(); i++) {
            KeyspaceRange previous = ranges.get(i - 1);
            KeyspaceRange current = ranges.get(i);
            if (previous.unboundedAbove()) {
                throw new IllegalArgumentException("range " + current + " comes after " + previous
                        + ", which already reaches the end of the keyspace");
            }
            int order = Long.compareUnsigned(current.start(), previous.end());
            if (order < 0) {
                throw new IllegalArgumentException("range " + current + " overlaps " + previous
                        + " or is out of order; list ranges in ascending order, each starting where the last ends");
            }
            if (order > 0) {
                throw new IllegalArgumentException("range " + current + " leaves a gap after " + previous
                        + ": ids " + KeyspaceId.format(previous.end()) + "-" + KeyspaceId.format(current.start())
                        + " would have no shard");
            }
        }
        KeyspaceRange last = ranges.get(ranges.size() - 1);
        if (!last.unboundedAbove()) {
            throw new IllegalArgumentException("range " + last + " is last but does not reach the end of the "
                    + "keyspace; ids from " + KeyspaceId.format(last.end()) + " on would have no shard");
        }
        return new HashAlgorithm(ranges);
    }

    private static long boundary(int i, int shards) {
        // i*2^64/n is exact in BigInteger; the top boundary 2^64 wraps to 0, the "end of space" marker
        return SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(shards)).longValue();
    }

    /** The ranges in notation form, shard 0 first. */
    public List<String> ranges() {
        return ranges.stream().map(KeyspaceRange::toString).toList();
    }

    public List<KeyspaceRange> keyspaceRanges() {
        return ranges;
    }

    @Override
    public int shardCount() {
        return ranges.size();
    }

    @Override
    public int shardFor(List<Object> key) {
        return shardForKeyspaceId(KeyspaceId.of(key.get(0)));
    }

    /** The shard whose range contains {@code keyspaceId}: the last range starting at or below it. */
    public int shardForKeyspaceId(long keyspaceId) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (Long.compareUnsigned(starts[middle], keyspaceId) <= 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashAlgorithm other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return "hash" + ranges();
    }
}
