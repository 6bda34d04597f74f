package io.shardgate.reshard.stream;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.copy.RowPlacement;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.db.TableShape;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.StreamPosition;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.plan.TablePlan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The change stream: tails every source data source's binlog from its checkpointed GTID position and keeps the
 * receiving nodes current, one batch of committed transactions at a time, saving the positions after each batch.
 * A single thread applies all sources' batches in arrival order, so a key never has two writers racing. Killed
 * at any point, a restart replays from the saved positions, which the idempotent applier makes harmless. The same
 * machinery runs in reverse after a cutover ({@link StreamDirection#REVERSE}: the plan from the target rules back
 * to the current ones), keeping the old layout current for a rollback.
 */
public final class ChangeStream {
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int MAX_BATCH = 2_000;
    /** Short, so that a cutover waiting for the last transactions does not wait for an idle poll too. */
    private static final long POLL_MILLIS = 10;
    private static final long SAVE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long BUSY_SAVE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long CAUGHT_UP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** When a running stream ends: asked after every batch, and every few milliseconds while idle. */
    public interface StreamEnd {
        boolean reached(Progress progress) throws SQLException;
    }

    /** What the stream has done so far, for its {@link StreamEnd}. */
    public final class Progress {
        private final Map<String, GtidPosition> applied;
        private final boolean idle;

        private Progress(Map<String, GtidPosition> applied, boolean idle) {
            this.applied = Map.copyOf(applied);
            this.idle = idle;
        }

        /** The applied position per source data source. */
        public Map<String, GtidPosition> applied() {
            return applied;
        }

        /** No received transaction is waiting to be applied. */
        public boolean idle() {
            return idle;
        }

        /** True when every source's current binlog position is applied (one query per source). */
        public boolean caughtUp() throws SQLException {
            return idle && ChangeStream.this.caughtUp(applied);
        }
    }

    private final String workflow;
    private final StreamDirection direction;
    private final ReshardPlan plan;
    private final MetadataStore store;
    private final DataSourceConnections sources;
    private final DataSourceConnections targets;
    private final Consumer<String> log;

    public ChangeStream(String workflow, StreamDirection direction, ReshardPlan plan, MetadataStore store,
                        DataSourceConnections sources, DataSourceConnections targets, Consumer<String> log) {
        this.workflow = workflow;
        this.direction = direction;
        this.plan = plan;
        this.store = store;
        this.sources = sources;
        this.targets = targets;
        this.log = log;
    }

    /**
     * Ends when a stop is requested or, with {@code untilCaughtUp}, once every source's current binlog position has
     * been applied (checked every 300 ms while idle).
     */
    public StreamEnd stopOrCaughtUp(BooleanSupplier stopRequested, boolean untilCaughtUp) {
        long[] lastCheck = {0};
        return progress -> {
            if (stopRequested.getAsBoolean()) {
                return true;
            }
            long now = System.nanoTime();
            if (!untilCaughtUp || !progress.idle() || now - lastCheck[0] < CAUGHT_UP_CHECK_NANOS) {
                return false;
            }
            lastCheck[0] = now;
            if (progress.caughtUp()) {
                log.accept("caught up: positions " + progress.applied());
                return true;
            }
            return false;
        };
    }

    /** Streams until {@code end} is reached, then saves the positions. */
    public void run(StreamEnd end) throws SQLException, InterruptedException {
        Map<String, ChangeApplier.MovingTable> tables = new LinkedHashMap<>();
        Map<String, Map<String, WatchedTable>> watchedBySource = new LinkedHashMap<>();
        for (TablePlan table : plan.movingTables()) {
            DataNode first = table.current().nodes().get(0);
            TableShape shape = TableShape.read(sources.get(first.dataSource()), first.physicalTable());
            tables.put(table.table(), new ChangeApplier.MovingTable(table.table(), table.current().nodes(),
                    table.receivingNodes(), shape, new RowPlacement(table.target(), shape)));
            for (DataNode node : table.current().nodes()) {
                TableShape nodeShape = TableShape.read(sources.get(node.dataSource()), node.physicalTable());
                watchedBySource.computeIfAbsent(node.dataSource(), ds -> new LinkedHashMap<>())
                        .put(node.physicalTable(), WatchedTable.of(table.table(), node, nodeShape,
                                table.current().shardColumns()));
            }
        }
        Map<String, StreamPosition> saved = new LinkedHashMap<>();
        store.streamPositions(workflow, direction).forEach(p -> saved.put(p.dataSource(), p));
        Map<String, GtidPosition> applied = new LinkedHashMap<>();
        Map<String, Long> transactions = new LinkedHashMap<>();
        Map<String, Instant> lastEventAt = new LinkedHashMap<>();
        for (String dataSource : watchedBySource.keySet()) {
            StreamPosition position = saved.get(dataSource);
            if (position == null) {
                throw ReshardException.failed("no recorded " + direction.name().toLowerCase(java.util.Locale.ROOT)
                        + " change-log position for data source " + dataSource, null);
            }
            applied.put(dataSource, GtidPosition.parse(position.gtid()));
            transactions.put(dataSource, position.eventsApplied());
            if (position.lastEventAt() != null) {
                lastEventAt.put(dataSource, position.lastEventAt());
            }
        }

        BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        List<SourceTail> tails = new ArrayList<>();
        ChangeApplier applier = new ChangeApplier(tables, sources, targets);
        try {
            for (Map.Entry<String, Map<String, WatchedTable>> entry : watchedBySource.entrySet()) {
                String dataSource = entry.getKey();
                SourceTail tail = new SourceTail(dataSource, sources.endpoint(dataSource),
                        database(sources.get(dataSource)), entry.getValue(), applied.get(dataSource), queue);
                tails.add(tail);
                tail.connect(TimeUnit.SECONDS.toMillis(30));
                log.accept("streaming " + (direction == StreamDirection.REVERSE ? "back " : "") + "changes of "
                        + dataSource + " from GTID " + applied.get(dataSource));
            }
            long lastSave = System.nanoTime();
            long lastLog = System.nanoTime();
            long keysApplied = 0;
            boolean dirty = false;
            while (true) {
                List<Object> batch = new ArrayList<>();
                Object head = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (head != null) {
                    batch.add(head);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                List<Touch> touches = new ArrayList<>();
                for (Object item : batch) {
                    if (item instanceof SourceTail.Failure failure) {
                        throw ReshardException.failed("change stream stopped: " + failure.message(), null);
                    }
                    SourceTransaction tx = (SourceTransaction) item;
                    touches.addAll(tx.touches());
                }
                if (!touches.isEmpty()) {
                    keysApplied += applier.apply(touches);
                }
                for (Object item : batch) {
                    SourceTransaction tx = (SourceTransaction) item;
                    applied.put(tx.dataSource(),
                            applied.get(tx.dataSource()).with(tx.domain(), tx.server(), tx.sequence()));
                    transactions.merge(tx.dataSource(), 1L, Long::sum);
                    lastEventAt.put(tx.dataSource(), Instant.ofEpochMilli(tx.timestampMillis()));
                    dirty = true;
                }
                long now = System.nanoTime();
                // Replaying is harmless, so positions are saved at a steady pace rather than after every batch. Saving
                // is itself a transaction when the metadata store shares a server with a source: saving for every
                // idle transaction would feed the stream its own writes forever.
                if (dirty && now - lastSave > (touches.isEmpty() ? SAVE_INTERVAL_NANOS : BUSY_SAVE_INTERVAL_NANOS)) {
                    save(applied, transactions, lastEventAt);
                    dirty = false;
                    lastSave = now;
                }
                if (now - lastLog > LOG_INTERVAL_NANOS) {
                    log.accept("streaming: " + transactions + " transactions applied, " + keysApplied
                            + " keys re-synced in this run; positions " + applied);
                    lastLog = now;
                }
                if (end.reached(new Progress(applied, queue.isEmpty()))) {
                    break;
                }
            }
            save(applied, transactions, lastEventAt);
            log.accept("stream stopped at " + applied + ", " + keysApplied + " keys re-synced in this run");
        } finally {
            tails.forEach(SourceTail::disconnect);
        }
    }

    private boolean caughtUp(Map<String, GtidPosition> applied) throws SQLException {
        for (Map.Entry<String, GtidPosition> entry : applied.entrySet()) {
            if (!entry.getValue().includes(GtidPosition.parse(binlogPosition(sources.get(entry.getKey()))))) {
                return false;
            }
        }
        return true;
    }

    private void save(Map<String, GtidPosition> applied, Map<String, Long> transactions,
                      Map<String, Instant> lastEventAt) throws SQLException {
        List<StreamPosition> positions = new ArrayList<>();
        applied.forEach((ds, position) -> positions.add(new StreamPosition(ds, position.toString(),
                transactions.getOrDefault(ds, 0L), lastEventAt.get(ds), null)));
        store.saveStreamPositions(workflow, direction, positions);
    }

    /** The data sources whose binlogs a stream of {@code plan} reads: those of every moving table's nodes. */
    public static Set<String> sourceDataSources(ReshardPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        plan.movingTables().forEach(t -> t.current().nodes().forEach(node -> out.add(node.dataSource())));
        return out;
    }

    /** {@code @@gtid_binlog_pos}: the GTID of the last transaction written to the server's binlog, per domain. */
    public static String binlogPosition(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
            rs.next();
            return rs.getString(1) == null ? "" : rs.getString(1);
        }
    }

    private static String database(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            rs.next();
            String database = rs.getString(1);
            if (database == null) {
                throw ReshardException.failed("a source data source's URL names no database", null);
            }
            return database;
        }
    }
}
