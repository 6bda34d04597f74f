package io.shardgate.algorithm;

import java.util.BitSet;
import java.util.List;

/**
 * Maps shard-key values to shard indexes {@code 0..shardCount()-1}. The one interface behind hash, mod, range,
 * geo and custom algorithms. Implementations are immutable, thread-safe and do no I/O.
 *
 * <p>Values arrive as JDBC hands them over: {@code Long}, {@code Integer}, {@code BigDecimal}, {@code String},
 * {@code java.time.LocalDate}, ... An algorithm that cannot interpret a value throws {@link ShardingException}
 * naming it; it never guesses a shard.
 */
public interface ShardingAlgorithm {

    /** Number of shards this algorithm distributes over. */
    int shardCount();

    /** Number of shard-key columns this algorithm reads (geo with a hash inside the region reads two). */
    default int columnCount() {
        return 1;
    }

    /**
     * The one shard that owns a row with this full key ({@code key.size() == columnCount()}).
     *
     * @throws ShardingException when no shard owns the key (e.g. an unknown region with no default)
     */
    int shardFor(List<Object> key);

    /**
     * Shards that may hold rows whose key column {@code column} equals {@code value}, other columns unknown.
     * Never drops a shard that could hold such a row.
     */
    default BitSet shardsForValue(int column, Object value) {
        if (columnCount() == 1) {
            BitSet one = new BitSet(shardCount());
            one.set(shardFor(List.of(value)));
            return one;
        }
        return all();
    }

    /**
     * Shards that may hold rows whose key column {@code column} lies in {@code range}. Never drops a shard that
     * could hold such a row; returning every shard is always correct.
     */
    default BitSet shardsForRange(int column, KeyRange range) {
        return all();
    }

    /** Every shard. */
    default BitSet all() {
        BitSet all = new BitSet(shardCount());
        all.set(0, shardCount());
        return all;
    }
}
