package io.shardgate.algorithm;

import java.util.List;

/**
 * A contiguous range {@code [start, end)} of the unsigned 64-bit keyspace id space, written in Vitess notation
 * {@code start-end} with hex prefixes: {@code -80} is the lower half, {@code 80-} the upper half, {@code 40-80}
 * a quarter and {@code -} the whole space. An {@code end} of 0 stands for the end of the space (2^64), which a
 * {@code long} cannot hold; no range can end at 0 otherwise.
 */
public record KeyspaceRange(long start, long end) {

    public static final KeyspaceRange FULL = new KeyspaceRange(0, 0);

    public KeyspaceRange {
        if (end != 0 && Long.compareUnsigned(start, end) >= 0) {
            throw new IllegalArgumentException("keyspace range " + KeyspaceId.format(start) + "-"
                    + KeyspaceId.format(end) + " is empty: its start is not below its end");
        }
    }

    /**
     * Parses {@code start-end} notation.
     *
     * @throws IllegalArgumentException naming the text when it is malformed or empty
     */
    public static KeyspaceRange parse(String notation) {
        int dash = notation.indexOf('-');
        if (dash < 0 || dash != notation.lastIndexOf('-')) {
            throw new IllegalArgumentException("'" + notation + "' is not a keyspace range: expected start-end with "
                    + "hex prefixes, e.g. -80, 40-80, 80-");
        }
        long start;
        long end;
        try {
            start = KeyspaceId.parseHex(notation.substring(0, dash));
            end = KeyspaceId.parseHex(notation.substring(dash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("keyspace range '" + notation + "': " + e.getMessage(), e);
        }
        return new KeyspaceRange(start, end);
    }

    /** True when the range reaches the end of the keyspace. */
    public boolean unboundedAbove() {
        return end == 0;
    }

    public boolean contains(long keyspaceId) {
        return Long.compareUnsigned(keyspaceId, start) >= 0
                && (end == 0 || Long.compareUnsigned(keyspaceId, end) < 0);
    }

    /** The two halves a shard owning this range splits into, lower half first. */
    public List<KeyspaceRange> halves() {
        long size = end - start; // unsigned; 0 means the full 2^64
        if (size == 1) {
            throw new IllegalStateException("keyspace range " + this + " holds a single id and cannot be split");
        }
        long middle = start + (size == 0 ? Long.MIN_VALUE : size >>> 1);
        return List.of(new KeyspaceRange(start, middle), new KeyspaceRange(middle, end));
    }

    @Override
    public String toString() {
        return KeyspaceId.format(start) + "-" + KeyspaceId.format(end);
    }
}
