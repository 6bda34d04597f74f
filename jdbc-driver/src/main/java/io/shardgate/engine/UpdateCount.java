package io.shardgate.engine;

import io.shardgate.execute.GeneratedKeys;

/**
 * Rows changed by a write (0 for DDL and session statements), and the keys it generated: Shardgate's own for
 * key-generator columns, or the shard's when the caller asked for database-generated keys.
 */
public record UpdateCount(long count, GeneratedKeys generatedKeys) implements StatementResult {

    public UpdateCount(long count) {
        this(count, GeneratedKeys.NONE);
    }
}
