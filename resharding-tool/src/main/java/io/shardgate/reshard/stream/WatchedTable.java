package io.shardgate.reshard.stream;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.db.Column;
import io.shardgate.reshard.db.TableShape;

import java.util.List;

/**
 * A source physical table whose changes the stream follows, with where its primary-key columns sit in the binlog
 * row image (every column, in table order).
 */
record WatchedTable(String table, DataNode node, TableShape shape, int[] keyIndexes, List<Column> keyColumns) {

    static WatchedTable of(String table, DataNode node, TableShape shape) {
        List<String> key = shape.primaryKey();
        int[] indexes = new int[key.size()];
        for (int i = 0; i < key.size(); i++) {
            indexes[i] = -1;
            for (int j = 0; j < shape.columns().size(); j++) {
                if (shape.columns().get(j).name().equalsIgnoreCase(key.get(i))) {
                    indexes[i] = j;
                }
            }
        }
        return new WatchedTable(table, node, shape, indexes, key.stream().map(shape::column).toList());
    }
}
