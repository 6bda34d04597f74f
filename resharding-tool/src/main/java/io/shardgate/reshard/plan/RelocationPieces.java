package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;

import java.util.ArrayList;
import java.util.List;

/** The same algorithm on other nodes: shard {@code i} moves whole from its current node to its target node. */
final class RelocationPieces {
    private RelocationPieces() {
    }

    static List<SourcePlan> of(TableRule current, TableRule target) {
        List<SourcePlan> sources = new ArrayList<>();
        for (int i = 0; i < current.nodes().size(); i++) {
            DataNode from = current.nodes().get(i);
            DataNode to = target.nodes().get(i);
            sources.add(new SourcePlan(from, "shard " + i, List.of(new Piece("all rows", to, 1.0, !from.equals(to)))));
        }
        return sources;
    }
}
