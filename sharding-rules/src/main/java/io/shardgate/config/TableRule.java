package io.shardgate.config;

import io.shardgate.algorithm.ShardingAlgorithm;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one logical table is sharded: the shard-key column(s), the algorithm, and the data node of each shard
 * ({@code nodes.get(i)} holds the rows the algorithm sends to shard {@code i}). Names are lower case.
 */
public record TableRule(String logicalTable, List<String> shardColumns, ShardingAlgorithm algorithm,
                        List<DataNode> nodes, KeyGeneratorConfig keyGenerator) {

    public TableRule {
        shardColumns = List.copyOf(shardColumns);
        nodes = List.copyOf(nodes);
        if (algorithm.shardCount() != nodes.size()) {
            throw new IllegalArgumentException("table " + logicalTable + ": algorithm has " + algorithm.shardCount()
                    + " shards but " + nodes.size() + " data nodes are listed");
        }
        if (algorithm.columnCount() != shardColumns.size()) {
            throw new IllegalArgumentException("table " + logicalTable + ": algorithm reads "
                    + algorithm.columnCount() + " key column(s) but " + shardColumns.size() + " are configured");
        }
    }

    /** Position of {@code column} among the shard columns, or -1. */
    public int shardColumnIndex(String column) {
        return shardColumns.indexOf(column);
    }

    /** Data sources this table has shards in, sorted. */
    public Set<String> dataSources() {
        Set<String> out = new TreeSet<>();
        for (DataNode n : nodes) {
            out.add(n.dataSource());
        }
        return out;
    }
}
