package io.shardgate.reshard.meta;

import java.time.Instant;

/**
 * Copy progress of one source shard of one table. {@code lastKey} is the primary key of the last row copied (a
 * JSON array, null before the first chunk): a restarted copy continues after it. {@code estimatedRows} is the
 * information_schema estimate taken when the copy began; {@code runStartedAt}/{@code rowsAtRunStart} mark the
 * current run of {@code start}, from which the rate is computed.
 */
public record CopyCheckpoint(String table, String sourceNode, String lastKey, long rowsScanned, long rowsCopied,
                             long estimatedRows, boolean done, Instant runStartedAt, long rowsAtRunStart,
                             Instant updatedAt) {
}
