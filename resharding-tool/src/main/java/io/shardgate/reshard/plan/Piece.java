package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;

/**
 * The part of one source shard's rows that the target rules send to one target node.
 *
 * @param keys   which keys, in the algorithm's terms: {@code keyspace 40-80}, {@code user_id mod 4 = 2},
 *               {@code [1000, 1500)}, {@code all rows}
 * @param target the node the target rules place these rows on
 * @param share  the expected fraction of the source shard's rows, 0..1, or NaN when the rules alone cannot tell
 *               (range rules: it depends on the data)
 * @param moves  false when the target is the source node itself: the rows stay where they are
 */
public record Piece(String keys, DataNode target, double share, boolean moves) {
    public boolean shareKnown() {
        return !Double.isNaN(share);
    }
}
