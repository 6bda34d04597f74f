package io.shardgate.reshard.plan;

import io.shardgate.algorithm.RangeAlgorithm;
import io.shardgate.algorithm.RangeValueType;
import io.shardgate.algorithm.ShardingException;
import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Range rules: the bound values of both rules cut the key line into intervals, each owned by one shard (or none) on
 * each side. Intervals whose owner changes node are the moves. How many rows an interval holds depends on the data,
 * so the share stays unknown here; the estimator asks the database.
 */
final class RangePieces {
    /** An interval {@code [from, to)}, null meaning unbounded, with its owners (-1: no shard). */
    record Interval(String from, String to, int currentShard, int targetShard) {
        String describe() {
            return (from == null ? "(-inf" : "[" + from) + ", " + (to == null ? "+inf)" : to + ")");
        }
    }

    private RangePieces() {
    }

    static List<SourcePlan> of(TableRule current, RangeAlgorithm from, String currentYaml, TableRule target,
                               RangeAlgorithm to, String targetYaml, List<String> refusals) {
        RangeValueType type = from.valueType();
        List<String> points = new ArrayList<>(RangeSplitPoints.read(currentYaml, current.logicalTable()));
        points.addAll(RangeSplitPoints.read(targetYaml, target.logicalTable()));
        List<Interval> intervals = intervals(type, RangeSplitPoints.sorted(type, points), from, to);

        Map<Integer, List<Interval>> byCurrentShard = new LinkedHashMap<>();
        for (Interval interval : intervals) {
            if (interval.currentShard() < 0) {
                continue; // the current rule refuses these keys, so no row holds them
            }
            if (interval.targetShard() < 0) {
                refusals.add("keys in " + interval.describe() + " are on shard " + interval.currentShard()
                        + " now but have no shard under the target rule (add a range or an overflowShard)");
                continue;
            }
            byCurrentShard.computeIfAbsent(interval.currentShard(), s -> new ArrayList<>()).add(interval);
        }
        List<SourcePlan> sources = new ArrayList<>();
        for (int shard = 0; shard < current.nodes().size(); shard++) {
            DataNode sourceNode = current.nodes().get(shard);
            List<Piece> pieces = new ArrayList<>();
            List<String> owned = new ArrayList<>();
            for (Interval interval : byCurrentShard.getOrDefault(shard, List.of())) {
                DataNode targetNode = target.nodes().get(interval.targetShard());
                pieces.add(new Piece(interval.describe(), targetNode, Double.NaN, !targetNode.equals(sourceNode)));
                owned.add(interval.describe());
            }
            sources.add(new SourcePlan(sourceNode, String.join(" ", owned), pieces));
        }
        return sources;
    }

    /** The elementary intervals between sorted points, adjacent ones with the same owners merged. */
    static List<Interval> intervals(RangeValueType type, List<String> points, RangeAlgorithm from,
                                    RangeAlgorithm to) {
        List<Interval> out = new ArrayList<>();
        String below = points.isEmpty() ? null : RangeSplitPoints.below(type, points.get(0));
        if (below != null) {
            out.add(new Interval(null, points.get(0), owner(from, below), owner(to, below)));
        }
        for (int i = 0; i < points.size(); i++) {
            String start = points.get(i);
            String end = i + 1 < points.size() ? points.get(i + 1) : null;
            Interval next = new Interval(start, end, owner(from, start), owner(to, start));
            Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.currentShard() == next.currentShard()
                    && last.targetShard() == next.targetShard()) {
                out.set(out.size() - 1, new Interval(last.from(), end, last.currentShard(), last.targetShard()));
            } else {
                out.add(next);
            }
        }
        return out;
    }

    private static int owner(RangeAlgorithm algorithm, String value) {
        try {
            return algorithm.shardFor(List.of(value));
        } catch (ShardingException e) {
            return -1;
        }
    }
}
