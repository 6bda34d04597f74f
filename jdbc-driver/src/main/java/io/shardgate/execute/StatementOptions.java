package io.shardgate.execute;

/**
 * Per-statement settings passed on to every shard statement.
 *
 * @param fetchSize           rows per round trip hint for the shard drivers (0: driver default, usually all)
 * @param queryTimeoutSeconds per shard statement (0: none)
 * @param generatedKeys       whether a write asks its shard for database-generated keys
 * @param running             where the shard statements register so they can be cancelled from another thread;
 *                            null when the caller does not cancel (the executor then tracks them itself)
 */
public record StatementOptions(int fetchSize, int queryTimeoutSeconds, GeneratedKeyRequest generatedKeys,
                               RunningStatements running) {
    public static final StatementOptions DEFAULTS = new StatementOptions(0, 0);

    public StatementOptions(int fetchSize, int queryTimeoutSeconds) {
        this(fetchSize, queryTimeoutSeconds, GeneratedKeyRequest.NONE, null);
    }

    public StatementOptions withQueryTimeout(int seconds) {
        return new StatementOptions(fetchSize, seconds, generatedKeys, running);
    }
}
