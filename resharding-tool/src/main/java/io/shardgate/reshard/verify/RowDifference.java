package io.shardgate.reshard.verify;

/**
 * A row that differs between the source and a target node.
 *
 * @param kind MISSING: in the source, not in the target; EXTRA: in the target but the source does not place it
 *             there; DIFFERENT: in both with other contents
 * @param key  the primary key as JSON
 */
public record RowDifference(String table, String target, Kind kind, String key, String source) {
    public enum Kind { MISSING, EXTRA, DIFFERENT }
}
