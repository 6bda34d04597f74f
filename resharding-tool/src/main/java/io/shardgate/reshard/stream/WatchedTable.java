package io.shardgate.reshard.stream;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.db.Column;
import io.shardgate.reshard.db.TableShape;

import java.util.List;

/**
 * A source physical table whose changes the stream follows, with where its primary-key and shard-key columns sit
 * in the binlog row image (every column, in table order).
 */
record WatchedTable(String table, DataNode node, TableShape shape, int[] keyIndexes, List<Column> keyColumns,
                    int[] shardIndexes) {

    static WatchedTable of(String table, DataNode node, TableShape shape, List<String> shardColumns) {
        List<String> key = shape.primaryKey();
        return new WatchedTable(table, node, shape, indexes(shape, key), key.stream().map(shape::column).toList(),
                indexes(shape, shardColumns));
    }

    private static int[] indexes(TableShape shape, List<String> columns) {
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            indexes[i] = -1;
            for (int j = 0; j < shape.columns().size(); j++) {
                if (shape.columns().get(j).name().equalsIgnoreCase(columns.get(i))) {
                    indexes[i] = j;
                }
            }
        }
        return indexes;
    }
}
