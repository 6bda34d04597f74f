package io.shardgate.reshard.plan;

/** information_schema.TABLES estimates for one physical table: TABLE_ROWS and DATA_LENGTH + INDEX_LENGTH. */
public record NodeSize(long rows, long bytes) {
    public NodeSize times(double share) {
        return new NodeSize(Math.round(rows * share), Math.round(bytes * share));
    }
}
