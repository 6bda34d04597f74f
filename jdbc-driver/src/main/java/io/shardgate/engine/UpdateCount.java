package io.shardgate.engine;

/** Rows changed by a write (0 for DDL and session statements). */
public record UpdateCount(long count) implements StatementResult {
}
