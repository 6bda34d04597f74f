package io.shardgate.reshard.plan;

import io.shardgate.algorithm.GeoAlgorithm;
import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.algorithm.ModAlgorithm;
import io.shardgate.algorithm.RangeAlgorithm;
import io.shardgate.algorithm.ShardingAlgorithm;
import io.shardgate.config.DataNode;
import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the current and the target rules table by table: which rows move from which node to which, and which
 * changes cannot be done online. Pure: no I/O, so a plan is a value that tests and {@code --json} print as is.
 */
public final class Planner {
    private Planner() {
    }

    public static ReshardPlan plan(RulesSource current, RulesSource target) {
        List<String> refusals = new ArrayList<>();
        compareDataSources(current.config().dataSources(), target.config().dataSources(), refusals);
        ShardingRules from = current.config().rules();
        ShardingRules to = target.config().rules();
        if (!from.broadcastTables().equals(to.broadcastTables())) {
            refusals.add("broadcast tables differ; copying a broadcast table to other data sources is not a "
                    + "resharding move");
        }
        Set<String> names = new LinkedHashSet<>(from.tables().keySet());
        names.addAll(to.tables().keySet());
        List<TablePlan> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(table(name, from, current.yaml(), to, target.yaml()));
        }
        return new ReshardPlan(tables, refusals);
    }

    private static void compareDataSources(Map<String, DataSourceConfig> current, Map<String, DataSourceConfig> target,
                                           List<String> refusals) {
        for (Map.Entry<String, DataSourceConfig> entry : target.entrySet()) {
            DataSourceConfig before = current.get(entry.getKey());
            if (before != null && !before.primary().url().equals(entry.getValue().primary().url())) {
                refusals.add("data source " + entry.getKey() + " points at " + entry.getValue().primary().url()
                        + " in the target rules but at " + before.primary().url() + " now; a data source name must "
                        + "mean the same database on both sides (give the new one a new name)");
            }
        }
    }

    private static TablePlan table(String name, ShardingRules from, String currentYaml, ShardingRules to,
                                   String targetYaml) {
        TableRule current = from.tables().get(name);
        TableRule target = to.tables().get(name);
        List<String> refusals = new ArrayList<>();
        if (target == null) {
            refusals.add("not in the target rules; dropping a sharded table is not a resharding (keep its rule)");
            return new TablePlan(name, current, null, "dropped", List.of(), refusals);
        }
        if (current == null) {
            refusals.add("new in the target rules; nothing to move: create it and add its rule before resharding");
            return new TablePlan(name, null, target, "added", List.of(), refusals);
        }
        String change = describeChange(current, target);
        if (!current.shardColumns().equals(target.shardColumns())) {
            refusals.add("shard key changes from " + current.shardColumns() + " to " + target.shardColumns()
                    + "; every row would move and the routers could not find rows by either key meanwhile");
            return new TablePlan(name, current, target, change, List.of(), refusals);
        }
        ShardingAlgorithm a = current.algorithm();
        ShardingAlgorithm b = target.algorithm();
        if (!a.getClass().equals(b.getClass())) {
            refusals.add("algorithm type changes from " + typeName(a) + " to " + typeName(b)
                    + "; only the shards of one algorithm type can be split, merged or moved online");
            return new TablePlan(name, current, target, change, List.of(), refusals);
        }
        List<SourcePlan> sources;
        if (a.equals(b)) {
            sources = RelocationPieces.of(current, target);
        } else if (a instanceof HashAlgorithm ha && b instanceof HashAlgorithm hb) {
            sources = HashPieces.of(current, ha, target, hb);
        } else if (a instanceof ModAlgorithm) {
            sources = ModPieces.of(current, target);
        } else if (a instanceof RangeAlgorithm ra && b instanceof RangeAlgorithm rb) {
            if (ra.valueType() != rb.valueType()) {
                refusals.add("range value type changes from " + ra.valueType().configName() + " to "
                        + rb.valueType().configName());
                return new TablePlan(name, current, target, change, List.of(), refusals);
            }
            try {
                sources = RangePieces.of(current, ra, currentYaml, target, rb, targetYaml, refusals);
            } catch (IllegalArgumentException e) {
                refusals.add(e.getMessage());
                return new TablePlan(name, current, target, change, List.of(), refusals);
            }
        } else {
            refusals.add("changing a " + typeName(a) + " rule is not supported online yet; moving its shards to "
                    + "other nodes with the same rule is");
            return new TablePlan(name, current, target, change, List.of(), refusals);
        }
        checkWholeMoves(sources, refusals);
        checkReceivingNodes(name, current, sources, from, refusals);
        return new TablePlan(name, current, target, change, sources, refusals);
    }

    /**
     * A shard that loses rows must lose all of them, to new physical tables. After cutover the old table is fenced
     * whole and no longer read: were it also a node of the target rules, scatter reads would see its moved rows a
     * second time until they were deleted, and a router that missed the cutover could still write there unnoticed.
     */
    private static void checkWholeMoves(List<SourcePlan> sources, List<String> refusals) {
        for (SourcePlan source : sources) {
            if (!source.hasMoves()) {
                continue;
            }
            for (Piece piece : source.pieces()) {
                if (!piece.moves()) {
                    refusals.add(source.source() + " would keep " + piece.keys() + " while its other rows leave; a "
                            + "shard that loses rows must move all of them, so give what stays a new physical table "
                            + "(e.g. " + source.source() + "_1): after cutover the old table is fenced and no "
                            + "longer read");
                }
            }
        }
    }

    /**
     * A node that receives rows must be a new physical table: writing into a table that also holds rows under the
     * current rules (a merge, or a range boundary moved between existing shards) would mix copied rows with live
     * ones, which this version does not handle.
     */
    private static void checkReceivingNodes(String name, TableRule current, List<SourcePlan> sources,
                                            ShardingRules from, List<String> refusals) {
        Set<DataNode> receiving = new LinkedHashSet<>();
        sources.forEach(s -> s.pieces().stream().filter(Piece::moves).forEach(p -> receiving.add(p.target())));
        for (DataNode node : receiving) {
            if (current.nodes().contains(node)) {
                refusals.add(node + " would receive rows while it holds rows under the current rules (a merge or "
                        + "a boundary moved between existing shards); give the receiving shard a new physical table");
            }
            for (TableRule other : from.tables().values()) {
                if (!other.logicalTable().equals(name) && other.nodes().contains(node)) {
                    refusals.add(node + " is a node of table " + other.logicalTable() + " under the current rules");
                }
            }
        }
    }

    private static String describeChange(TableRule current, TableRule target) {
        String shards = current.nodes().size() == target.nodes().size()
                ? current.nodes().size() + " shards"
                : current.nodes().size() + " -> " + target.nodes().size() + " shards";
        String algorithm = typeName(current.algorithm()).equals(typeName(target.algorithm()))
                ? typeName(current.algorithm())
                : typeName(current.algorithm()) + " -> " + typeName(target.algorithm());
        return algorithm + " on " + String.join(", ", current.shardColumns()) + ", " + shards;
    }

    static String typeName(ShardingAlgorithm algorithm) {
        if (algorithm instanceof HashAlgorithm) {
            return "hash";
        }
        if (algorithm instanceof ModAlgorithm) {
            return "mod";
        }
        if (algorithm instanceof RangeAlgorithm) {
            return "range";
        }
        if (algorithm instanceof GeoAlgorithm) {
            return "geo";
        }
        return Objects.toString(algorithm.getClass().getName());
    }
}
