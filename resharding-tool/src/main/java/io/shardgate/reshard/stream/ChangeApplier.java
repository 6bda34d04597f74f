package io.shardgate.reshard.stream;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.copy.RowPlacement;
import io.shardgate.reshard.copy.RowWriter;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.db.KeyCodec;
import io.shardgate.reshard.db.RowReader;
import io.shardgate.reshard.db.Sql;
import io.shardgate.reshard.db.TableShape;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the target nodes in line with the source for a batch of touched keys. It does not replay the binlog's row
 * images: it reads each touched key's current row from the source and writes that (REPLACE into the node the target
 * rules choose, DELETE from every other receiving node), or deletes the key everywhere when no source shard holds
 * it. Applying the source's present state is idempotent and order-insensitive within a batch, and since every
 * later change is also in the binlog, the targets converge once the stream has caught up. Primary keys must be
 * unique across the table's shards (the verifier reports any that are not). The other receiving nodes are cleaned
 * of a key only when a change may have moved it (a delete, a shard-key update): for the common update that is no
 * statement at all. Each target data source's writes of a batch commit together.
 */
final class ChangeApplier {
    /** One moving table: its source shards, its receiving nodes and how to place a row. */
    record MovingTable(String table, List<DataNode> sourceNodes, Set<DataNode> receivingNodes, TableShape shape,
                       RowPlacement placement) {
    }

    private final Map<String, MovingTable> tables;
    private final DataSourceConnections sources;
    private final DataSourceConnections targets;

    ChangeApplier(Map<String, MovingTable> tables, DataSourceConnections sources, DataSourceConnections targets) {
        this.tables = Map.copyOf(tables);
        this.sources = sources;
        this.targets = targets;
    }

    /** Applies the current source state of every touched key; returns how many keys were applied. */
    int apply(Collection<Touch> touches) throws SQLException {
        Map<String, Map<String, Touch>> byTable = new LinkedHashMap<>();
        for (Touch touch : touches) {
            byTable.computeIfAbsent(touch.table(), t -> new LinkedHashMap<>()).merge(KeyCodec.encode(touch.key()),
                    touch, (first, later) -> new Touch(later.table(), later.source(), later.key(),
                            first.relocates() || later.relocates()));
        }
        int applied = 0;
        for (Map.Entry<String, Map<String, Touch>> entry : byTable.entrySet()) {
            applied += applyTable(tables.get(entry.getKey()), entry.getValue());
        }
        return applied;
    }

    private int applyTable(MovingTable table, Map<String, Touch> touched) throws SQLException {
        Map<String, Object[]> keys = new LinkedHashMap<>();
        touched.forEach((encoded, touch) -> keys.put(encoded, touch.key()));
        Map<String, Object[]> truth = new LinkedHashMap<>();
        Map<String, DataNode> liveOn = new LinkedHashMap<>();
        // the shard the change came from first; keys it no longer holds may have moved to another shard
        Map<DataNode, List<String>> firstLook = new LinkedHashMap<>();
        touched.forEach((encoded, touch) -> firstLook.computeIfAbsent(touch.source(), n -> new ArrayList<>())
                .add(encoded));
        for (Map.Entry<DataNode, List<String>> look : firstLook.entrySet()) {
            read(table, look.getKey(), look.getValue(), keys, truth, liveOn);
        }
        List<String> missing = keys.keySet().stream().filter(k -> !truth.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            for (DataNode node : table.sourceNodes()) {
                List<String> notYetFound = missing.stream().filter(k -> !truth.containsKey(k)
                        && !touched.get(k).source().equals(node)).toList();
                if (!notYetFound.isEmpty()) {
                    read(table, node, notYetFound, keys, truth, liveOn);
                }
            }
        }

        List<String> columns = table.shape().storedColumns().stream().map(c -> c.name()).toList();
        Map<DataNode, List<Object[]>> upserts = new LinkedHashMap<>();
        Map<DataNode, List<Object[]>> deletes = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> key : keys.entrySet()) {
            Object[] row = truth.get(key.getKey());
            DataNode home = row == null ? null : table.placement().nodeOf(row);
            if (row != null && !home.equals(liveOn.get(key.getKey()))) {
                upserts.computeIfAbsent(home, n -> new ArrayList<>()).add(row);
            }
            // a key found on a second source shard moved between them, whatever its own touch said
            Touch touch = touched.get(key.getKey());
            boolean mayHaveMoved = row == null || touch == null || touch.relocates()
                    || !touch.source().equals(liveOn.get(key.getKey()));
            for (DataNode node : mayHaveMoved ? table.receivingNodes() : Set.<DataNode>of()) {
                if (!node.equals(home)) {
                    deletes.computeIfAbsent(node, n -> new ArrayList<>()).add(key.getValue());
                }
            }
        }
        Map<String, List<DataNode>> byDataSource = new LinkedHashMap<>();
        for (DataNode node : table.receivingNodes()) {
            if (deletes.containsKey(node) || upserts.containsKey(node)) {
                byDataSource.computeIfAbsent(node.dataSource(), ds -> new ArrayList<>()).add(node);
            }
        }
        for (Map.Entry<String, List<DataNode>> entry : byDataSource.entrySet()) {
            Connection connection = targets.get(entry.getKey());
            RowWriter.inTransaction(connection, () -> {
                for (DataNode node : entry.getValue()) {
                    if (deletes.containsKey(node)) {
                        RowWriter.deleteRows(connection, node.physicalTable(), table.shape().primaryKey(),
                                deletes.get(node));
                    }
                }
                for (DataNode node : entry.getValue()) {
                    if (upserts.containsKey(node)) {
                        RowWriter.replaceRows(connection, node.physicalTable(), columns, upserts.get(node));
                    }
                }
            });
        }
        return keys.size();
    }

    /** Reads the rows with the given keys from one source shard into {@code truth}. */
    private void read(MovingTable table, DataNode node, List<String> encodedKeys, Map<String, Object[]> keys,
                      Map<String, Object[]> truth, Map<String, DataNode> liveOn) throws SQLException {
        List<String> key = table.shape().primaryKey();
        int[] keyPositions = table.shape().positions(key);
        String predicate = "(" + String.join(" AND ", key.stream().map(c -> Sql.quote(c) + " = ?").toList()) + ")";
        Connection connection = sources.get(node.dataSource());
        for (int from = 0; from < encodedKeys.size(); from += 500) {
            List<String> part = encodedKeys.subList(from, Math.min(encodedKeys.size(), from + 500));
            String sql = "SELECT " + Sql.selectList(table.shape().storedColumns()) + " FROM "
                    + Sql.quote(node.physicalTable()) + " WHERE "
                    + String.join(" OR ", java.util.Collections.nCopies(part.size(), predicate))
                    // A transaction reaches the binlog before InnoDB makes it visible (two-phase commit), so a plain
                    // read right after its event can still see the old row. A locking read waits for the
                    // transaction's row locks and then sees its result.
                    + " LOCK IN SHARE MODE";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (String encoded : part) {
                    for (Object value : keys.get(encoded)) {
                        RowReader.bind(statement, index++, value);
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    for (Object[] row : RowReader.readAll(rs, table.shape().storedColumns())) {
                        Object[] rowKey = new Object[keyPositions.length];
                        for (int i = 0; i < keyPositions.length; i++) {
                            rowKey[i] = row[keyPositions[i]];
                        }
                        String encoded = KeyCodec.encode(rowKey);
                        truth.put(encoded, row);
                        liveOn.put(encoded, node);
                        keys.putIfAbsent(encoded, rowKey);
                    }
                }
            }
        }
    }
}
