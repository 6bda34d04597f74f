package io.shardgate.reshard.copy;

import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;
import io.shardgate.reshard.db.Column;
import io.shardgate.reshard.db.TableShape;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a row belongs under a rule: its shard-key values, typed as a driver would bind them, through the rule's
 * algorithm, to the rule's node. The copy, the change stream and the verifier all place rows with this one class,
 * so they cannot disagree.
 */
public final class RowPlacement {
    private final TableRule rule;
    private final int[] keyPositions;
    private final List<Column> keyColumns;

    /** For rows laid out as {@code shape.storedColumns()}. */
    public RowPlacement(TableRule rule, TableShape shape) {
        this.rule = rule;
        this.keyPositions = shape.positions(rule.shardColumns());
        List<Column> stored = shape.storedColumns();
        this.keyColumns = new ArrayList<>();
        for (int position : keyPositions) {
            keyColumns.add(stored.get(position));
        }
    }

    /** For rows holding only the shard-key columns, in the rule's order. */
    public static RowPlacement ofKeyColumns(TableRule rule, TableShape shape) {
        return new RowPlacement(rule, rule.shardColumns().stream().map(shape::column).toList());
    }

    private RowPlacement(TableRule rule, List<Column> keyColumns) {
        this.rule = rule;
        this.keyColumns = List.copyOf(keyColumns);
        this.keyPositions = new int[keyColumns.size()];
        for (int i = 0; i < keyPositions.length; i++) {
            keyPositions[i] = i;
        }
    }

    /**
     * The node owning {@code row}.
     *
     * @throws io.shardgate.algorithm.ShardingException when the rule has no shard for the row's key
     */
    public DataNode nodeOf(Object[] row) {
        List<Object> key = new ArrayList<>(keyPositions.length);
        for (int i = 0; i < keyPositions.length; i++) {
            key.add(keyColumns.get(i).keyValue(row[keyPositions[i]]));
        }
        return rule.nodes().get(rule.algorithm().shardFor(key));
    }
}
