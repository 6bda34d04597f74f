package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happens to one logical table: its shards in the current layout, where each part of their rows goes, and
 * the reasons the change cannot be done online, if any. {@code current} or {@code target} is null when the table
 * is missing from that side.
 */
public record TablePlan(String table, TableRule current, TableRule target, String change, List<SourcePlan> sources,
                        List<String> refusals) {
    public TablePlan {
        sources = List.copyOf(sources);
        refusals = List.copyOf(refusals);
    }

    public enum Status { UNCHANGED, MOVES, REFUSED }

    public Status status() {
        if (!refusals.isEmpty()) {
            return Status.REFUSED;
        }
        return sources.stream().anyMatch(SourcePlan::hasMoves) ? Status.MOVES : Status.UNCHANGED;
    }

    /** Nodes that receive rows: the physical tables the copy creates and fills. */
    public Set<DataNode> receivingNodes() {
        Set<DataNode> nodes = new LinkedHashSet<>();
        for (SourcePlan source : sources) {
            for (Piece piece : source.pieces()) {
                if (piece.moves()) {
                    nodes.add(piece.target());
                }
            }
        }
        return nodes;
    }

    /** Source shards some of whose rows leave. */
    public List<SourcePlan> movingSources() {
        return sources.stream().filter(SourcePlan::hasMoves).toList();
    }
}
