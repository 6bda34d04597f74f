package io.shardgate.reshard.stream;

import io.shardgate.config.DataNode;

/** A row of a moving table that a source transaction inserted, updated or deleted: its table, node and key. */
record Touch(String table, DataNode source, Object[] key) {
}
