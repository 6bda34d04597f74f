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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Copies the rows of one source shard that the target rules place elsewhere, in primary-key order, one chunk at a
 * time: read a chunk after the last copied key, write each target's rows with REPLACE, then checkpoint the chunk's
 * last key; the next chunk is read while the previous one is written. A process killed anywhere in between re-copies at most the chunk it was in, harmlessly. Between chunks
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
        // Reading a chunk overlaps with writing the previous one: the source and the targets work at the same time,
        // as a dump piped into a restore does. One write is in flight at most, so checkpoints stay in key order and a
        // checkpoint is saved only once its chunk is committed on every target.
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-copy-writer-" + source);
            thread.setDaemon(true);
            return thread;
        });
        Future<?> pending = null;
        try {
            while (true) {
                if (stopRequested.getAsBoolean() || !lagGuard.awaitReplicas(stopRequested)) {
                    finish(pending);
                    return false;
                }
                List<Object[]> rows = readChunk(connection, last == null ? first : next, last, shape);
                Map<DataNode, List<Object[]>> byTarget = place(rows, placement);
                for (List<Object[]> part : byTarget.values()) {
                    copied += part.size();
                }
                scanned += rows.size();
                boolean done = rows.size() < chunkSize;
                if (!rows.isEmpty()) {
                    last = key(rows.get(rows.size() - 1));
                }
                finish(pending);
                String checkpointKey = last == null ? null : KeyCodec.encode(last);
                long scannedSoFar = scanned;
                long copiedSoFar = copied;
                pending = writer.submit(() -> {
                    write(byTarget, columns);
                    store.saveCopyCheckpoint(workflow, table, source.toString(), checkpointKey, scannedSoFar,
                            copiedSoFar, done);
                    return null;
                });
                if (done) {
                    finish(pending);
                    log.accept("copied " + source + ": " + scanned + " rows scanned, " + copied
                            + " written to targets");
                    return true;
                }
                throttle.pass(rows.size());
            }
        } finally {
            awaitQuietly(pending); // the caller closes the connections the writer may still use
            writer.shutdown();
        }
    }

    private List<Object[]> readChunk(Connection connection, String sql, Object[] after, TableShape shape)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (after != null) {
                Object[] parameters = Sql.afterKeyParameters(after);
                for (int i = 0; i < parameters.length; i++) {
                    RowReader.bind(statement, i + 1, parameters[i]);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                return RowReader.readAll(rs, shape.storedColumns());
            }
        }
    }

    /** The chunk's rows by the node the target rules place them on; rows that stay are left out. */
    private Map<DataNode, List<Object[]>> place(List<Object[]> rows, RowPlacement placement) {
        Map<DataNode, List<Object[]>> byTarget = new LinkedHashMap<>();
        for (Object[] row : rows) {
            DataNode target = placement.nodeOf(row);
            if (!target.equals(source)) {
                if (!receiving.contains(target)) {
                    throw ReshardException.failed("a row of " + source + " belongs on " + target + " under the "
                            + "target rules, but the plan moves nothing from " + source + " there; is the row on "
                            + "the right shard under the current rules? key " + KeyCodec.encode(key(row)), null);
                }
                byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(row);
            }
        }
        return byTarget;
    }

    private void write(Map<DataNode, List<Object[]>> byTarget, List<String> columns) throws SQLException {
        for (Map.Entry<DataNode, List<Object[]>> entry : byTarget.entrySet()) {
            RowWriter.replace(targets.get(entry.getKey().dataSource()), entry.getKey().physicalTable(), columns,
                    entry.getValue());
        }
    }

    /** Waits for the write in flight and rethrows its failure. */
    private static void finish(Future<?> pending) throws SQLException, InterruptedException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("copy writer failed", cause);
        }
    }

    /** Waits for the write in flight without reporting it: on the way out after another failure or a stop. */
    private static void awaitQuietly(Future<?> pending) {
        if (pending == null) {
            return;
        }
        boolean interrupted = false;
        while (!pending.isDone()) {
            try {
                pending.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
