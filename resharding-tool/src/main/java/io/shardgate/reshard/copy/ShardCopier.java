package io.shardgate.reshard.copy;

import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.db.KeyCodec;
import io.shardgate.reshard.db.RowReader;
import io.shardgate.reshard.db.Sql;
import io.shardgate.reshard.db.TableShape;
import io.shardgate.reshard.lag.LagGuard;
import io.shardgate.reshard.meta.CopyCheckpoint;
import io.shardgate.reshard.meta.MetadataStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Copies the rows of one source shard that the target rules place elsewhere, in primary-key order, one chunk at a
 * time: read a chunk after the last copied key, write each target's rows with REPLACE, then checkpoint the chunk's
 * last key. A process killed anywhere in between re-copies at most the chunk it was in, harmlessly. Between chunks
 * the copy keeps to its rate limit ({@link Throttle}) and waits while a replica lags ({@link LagGuard}).
 */
public final class ShardCopier {
    private final String workflow;
    private final String table;
    private final DataNode source;
    private final Set<DataNode> receiving;
    private final TableRule targetRule;
    private final MetadataStore store;
    private final DataSourceConnections sources;
    private final DataSourceConnections targets;
    private final int chunkSize;
    private final Throttle throttle;
    private final LagGuard lagGuard;
    private final BooleanSupplier stopRequested;
    private final Consumer<String> log;
    private int[] keyPositions;

    public ShardCopier(String workflow, String table, DataNode source, Set<DataNode> receiving, TableRule targetRule,
                       MetadataStore store,
                       DataSourceConnections sources, DataSourceConnections targets, int chunkSize,
                       Throttle throttle, LagGuard lagGuard, BooleanSupplier stopRequested, Consumer<String> log) {
        this.workflow = workflow;
        this.table = table;
        this.source = source;
        this.receiving = Set.copyOf(receiving);
        this.targetRule = targetRule;
        this.store = store;
        this.sources = sources;
        this.targets = targets;
        this.chunkSize = chunkSize;
        this.throttle = throttle;
        this.lagGuard = lagGuard;
        this.stopRequested = stopRequested;
        this.log = log;
    }

    /** Copies from the checkpoint on; returns true when the shard is done, false when stopped early. */
    public boolean run(CopyCheckpoint checkpoint) throws SQLException, InterruptedException {
        Connection connection = sources.get(source.dataSource());
        TableShape shape = TableShape.read(connection, source.physicalTable());
        List<String> columns = shape.storedColumns().stream().map(c -> c.name()).toList();
        List<String> key = shape.primaryKey();
        keyPositions = shape.positions(key);
        RowPlacement placement = new RowPlacement(targetRule, shape);
        String select = "SELECT " + Sql.selectList(shape.storedColumns()) + " FROM "
                + Sql.quote(source.physicalTable());
        String order = " ORDER BY " + Sql.columnList(key) + " LIMIT " + chunkSize;
        String first = select + order;
        String next = select + " WHERE " + Sql.afterKey(key, ">") + order;

        Object[] last = checkpoint.lastKey() == null ? null : KeyCodec.decode(checkpoint.lastKey());
        long scanned = checkpoint.rowsScanned();
        long copied = checkpoint.rowsCopied();
        log.accept(last == null ? "copying " + source + " from its first row"
                : "copying " + source + ": resuming after key " + checkpoint.lastKey() + " (" + scanned
                + " rows scanned before)");
        store.beginCopyRun(workflow, table, source.toString());
        while (true) {
            if (stopRequested.getAsBoolean() || !lagGuard.awaitReplicas(stopRequested)) {
                return false;
            }
            List<Object[]> rows;
            try (PreparedStatement statement = connection.prepareStatement(last == null ? first : next)) {
                if (last != null) {
                    Object[] parameters = Sql.afterKeyParameters(last);
                    for (int i = 0; i < parameters.length; i++) {
                        RowReader.bind(statement, i + 1, parameters[i]);
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    rows = RowReader.readAll(rs, shape.storedColumns());
                }
            }
            Map<DataNode, List<Object[]>> byTarget = new LinkedHashMap<>();
            for (Object[] row : rows) {
                DataNode target = placement.nodeOf(row);
                if (!target.equals(source)) {
                    if (!receiving.contains(target)) {
                        throw ReshardException.failed("a row of " + source + " belongs on " + target + " under the "
                                + "target rules, but the plan moves nothing from " + source + " there; is the row on "
                                + "the right shard under the current rules? key " + KeyCodec.encode(key(row)), null);
                    }
                    byTarget.computeIfAbsent(target, t -> new java.util.ArrayList<>()).add(row);
                }
            }
            for (Map.Entry<DataNode, List<Object[]>> entry : byTarget.entrySet()) {
                RowWriter.replace(targets.get(entry.getKey().dataSource()), entry.getKey().physicalTable(), columns,
                        entry.getValue());
                copied += entry.getValue().size();
            }
            scanned += rows.size();
            boolean done = rows.size() < chunkSize;
            if (!rows.isEmpty()) {
                last = key(rows.get(rows.size() - 1));
            }
            store.saveCopyCheckpoint(workflow, table, source.toString(), last == null ? null : KeyCodec.encode(last),
                    scanned, copied, done);
            if (done) {
                log.accept("copied " + source + ": " + scanned + " rows scanned, " + copied + " written to targets");
                return true;
            }
            throttle.pass(rows.size());
        }
    }

    private Object[] key(Object[] row) {
        Object[] key = new Object[keyPositions.length];
        for (int i = 0; i < keyPositions.length; i++) {
            key[i] = row[keyPositions[i]];
        }
        return key;
    }
}
