package io.shardgate.reshard.stream;

import io.shardgate.config.DataNode;

/**
 * A row of a moving table that a source transaction inserted, updated or deleted: its table, node and key.
 * {@code relocates} is true when the change may have taken the row away from the target node that holds its copy
 * (a delete, or an update of its shard key): only then must the other target nodes be cleaned of it.
 */
record Touch(String table, DataNode source, Object[] key, boolean relocates) {
}
