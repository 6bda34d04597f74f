package io.shardgate.it.resharding;

import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.it.resharding.ReshardTopology.Node;
import io.shardgate.it.resharding.ReshardTopology.OrderRow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a layout's physical tables with what the acknowledged writes imply: every expected row exactly once,
 * on the node the layout's rule places its user on, with the values of its last acknowledged write; no row that
 * should not exist.
 */
final class LayoutCheck {
    private static final int SHOWN = 20;

    private LayoutCheck() {
    }

    /** The differences, at most 20 of them listed; empty when the layout holds exactly the expected rows. */
    static List<String> differences(List<Node> layout, HashAlgorithm rule, Map<Long, OrderRow> expected)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<Long, String> seenOn = new HashMap<>();
        for (int shard = 0; shard < layout.size(); shard++) {
            Node node = layout.get(shard);
            for (OrderRow row : ReshardTopology.read(node).values()) {
                String earlier = seenOn.put(row.id(), node.name());
                OrderRow want = expected.get(row.id());
                if (earlier != null) {
                    problems.add("DUPLICATE order " + row.id() + " on " + earlier + " and " + node.name());
                } else if (want == null) {
                    problems.add("EXTRA order " + row.id() + " on " + node.name() + ": " + row);
                } else if (!want.equals(row)) {
                    problems.add("STALE order " + row.id() + " on " + node.name() + ": " + row + ", expected " + want);
                }
                if (rule.shardFor(List.of(row.userId())) != shard) {
                    problems.add("MISPLACED order " + row.id() + " on " + node.name());
                }
            }
        }
        for (Long id : expected.keySet()) {
            if (!seenOn.containsKey(id)) {
                problems.add("MISSING order " + id + ": " + expected.get(id));
            }
        }
        if (problems.size() <= SHOWN) {
            return problems;
        }
        List<String> shown = new ArrayList<>(problems.subList(0, SHOWN));
        shown.add("... and " + (problems.size() - SHOWN) + " more");
        return shown;
    }
}
