package io.shardgate.execute;

/**
 * Per-statement settings passed on to every shard statement.
 *
 * @param fetchSize           rows per round trip hint for the shard drivers (0: driver default, usually all)
 * @param queryTimeoutSeconds per shard statement (0: none)
 */
public record StatementOptions(int fetchSize, int queryTimeoutSeconds) {
    public static final StatementOptions DEFAULTS = new StatementOptions(0, 0);
}
