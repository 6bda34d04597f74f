package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;

import java.util.List;

/** One shard of the current layout and where the target rules send each part of its rows. */
public record SourcePlan(DataNode source, String keys, List<Piece> pieces) {
    public SourcePlan {
        pieces = List.copyOf(pieces);
    }

    /** True when some of this shard's rows leave it. */
    public boolean hasMoves() {
        return pieces.stream().anyMatch(Piece::moves);
    }
}
