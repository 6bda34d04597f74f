package io.shardgate.reshard.workflow;

import io.shardgate.config.DataNode;
import io.shardgate.config.DataSourceConfig;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.copy.ShardCopier;
import io.shardgate.reshard.copy.Throttle;
import io.shardgate.reshard.lag.LagGuard;
import io.shardgate.reshard.meta.CopyCheckpoint;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.plan.NodeSize;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.plan.RulesSource;
import io.shardgate.reshard.plan.SizeEstimates;
import io.shardgate.reshard.plan.SourcePlan;
import io.shardgate.reshard.plan.TablePlan;
import io.shardgate.reshard.stream.ChangeStream;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code start}: runs whatever the workflow needs streamed. From PLANNED it checks the sources, creates the target
 * tables, and records each source's GTID position before reading any row, so every change made during the copy is
 * in the stream that follows; the copy then runs source shard by source shard from its checkpoint, and the forward
 * stream from its saved positions. The stream starts only once the copy has finished: the copy writes rows as it
 * reads them, and a delete applied by a concurrently running stream could otherwise be undone by a copy that read
 * the row just before. After a cutover it runs the reverse stream, which keeps the old layout current for a
 * rollback.
 *
 * <p>A command that changes the layout (cutover, rollback, complete, cancel) asks for the workflow through the
 * store: {@code start} then saves its positions, lets go of the workflow lock, waits for the command to finish and
 * goes on with what the workflow needs next, or ends once nothing is left to stream.
 */
public final class StartRun {
    private static final EnumSet<WorkflowState> STREAMED = EnumSet.of(WorkflowState.PLANNED, WorkflowState.COPYING,
            WorkflowState.STREAMING, WorkflowState.CUT_OVER);
    /** Left by a cutover killed in its switch: streamed again once the switch is abandoned. */
    private static final EnumSet<WorkflowState> RESUMABLE = EnumSet.of(WorkflowState.PLANNED, WorkflowState.COPYING,
            WorkflowState.STREAMING, WorkflowState.CUTTING_OVER, WorkflowState.CUT_OVER);
    private static final long HANDOVER_CHECK_NANOS = 300_000_000L;
    private static final long LOCK_RETRY_MILLIS = 200;

    private final MetadataStore store;
    private final String name;
    private final StartOptions options;
    private final BooleanSupplier stopRequested;
    private final Consumer<String> log;
    private final SwitchRecovery switchRecovery;
    private long lastHandoverCheck;
    private String handoverTo;

    public StartRun(MetadataStore store, String name, StartOptions options, BooleanSupplier stopRequested,
                    Consumer<String> log, SwitchRecovery switchRecovery) {
        this.switchRecovery = switchRecovery;
        this.store = store;
        this.name = name;
        this.options = options;
        this.stopRequested = stopRequested;
        this.log = log;
    }

    public void run() throws SQLException, InterruptedException {
        WorkflowState state = store.workflow(name).map(w -> w.state()).orElseThrow(
                () -> ReshardException.notPossible("no workflow named " + name));
        if (!RESUMABLE.contains(state)) {
            throw ReshardException.notPossible("workflow " + name + " is " + state + "; start continues only a "
                    + "PLANNED, COPYING, STREAMING or CUT_OVER workflow");
        }
        if (!store.tryLock(name)) {
            throw ReshardException.notPossible("another process is already running workflow " + name);
        }
        while (runOnce()) {
            store.unlock(name);
            log.accept("handed workflow " + name + " over to " + handoverTo + "; continuing once it is done");
            if (!awaitLockBack()) {
                return;
            }
        }
    }

    /** Does what the workflow's state needs; true when it stopped to hand the workflow over. */
    private boolean runOnce() throws SQLException, InterruptedException {
        handoverTo = null;
        try (LoadedWorkflow workflow = LoadedWorkflow.load(store, name)) {
            // holding the lock, this process is the only one working on the workflow: a switch still unfinished
            // belongs to a killed cutover or rollback, and its routers hold writes until it ends
            switchRecovery.abandonUnfinished(workflow, log);
            WorkflowState state = store.workflow(name).orElseThrow().state();
            if (!STREAMED.contains(state)) {
                log.accept("workflow " + name + " is " + state + "; nothing left to stream");
                return false;
            }
            if (state == WorkflowState.PLANNED) {
                begin(workflow);
                state = WorkflowState.COPYING;
            }
            if (state == WorkflowState.COPYING) {
                if (!copy(workflow)) {
                    if (handoverTo != null) {
                        return true;
                    }
                    log.accept("copy stopped; run start again to resume from the checkpoints");
                    return false;
                }
                store.transition(name, WorkflowState.COPYING, WorkflowState.STREAMING, "copy complete");
                state = WorkflowState.STREAMING;
            }
            boolean reverse = state == WorkflowState.CUT_OVER;
            ReshardPlan streamed = reverse ? workflow.reversePlan() : workflow.plan();
            ChangeStream stream = reverse
                    ? new ChangeStream(name, StreamDirection.REVERSE, streamed, store, workflow.targets(),
                    workflow.sources(), log)
                    : new ChangeStream(name, StreamDirection.FORWARD, streamed, store, workflow.sources(),
                    workflow.targets(), log);
            try (LagGuard guard = LagGuard.watching(dataSources(reverse ? workflow.current() : workflow.target(),
                    receivingDataSources(streamed)), options.maxReplicaLag(), "stream", log)) {
                stream(stream, guard);
            }
            if (handoverTo == null && !stopRequested.getAsBoolean()) {
                return false; // caught up
            }
            if (handoverTo == null) {
                log.accept("run start again to continue");
            }
            return handoverTo != null;
        }
    }

    /**
     * Streams until stopped, handed over or (with --until-caught-up) caught up. While a replica the stream writes to
     * lags, the stream stops with its positions saved and starts again once the replica has caught up: a binlog
     * connection left unread would be dropped by the server after its {@code net_write_timeout}.
     */
    private void stream(ChangeStream stream, LagGuard guard) throws SQLException, InterruptedException {
        ChangeStream.StreamEnd end = stream.stopOrCaughtUp(this::stopOrHandover, options.untilCaughtUp());
        boolean[] lagging = {false};
        do {
            lagging[0] = false;
            stream.run(progress -> end.reached(progress) || (lagging[0] = !guard.withinLimit()));
        } while (lagging[0] && guard.awaitReplicas(this::stopOrHandover));
    }

    /** A stop signal, or a command asking for the workflow (looked up at most every 300 ms). */
    private boolean stopOrHandover() {
        if (stopRequested.getAsBoolean()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastHandoverCheck > HANDOVER_CHECK_NANOS) {
            lastHandoverCheck = now;
            try {
                handoverTo = store.handoverRequested(name).orElse(null);
            } catch (SQLException e) {
                throw ReshardException.failed("metadata store: " + e.getMessage(), e);
            }
        }
        return handoverTo != null;
    }

    /** Waits until the command that took the workflow lets go of it; false when stopped meanwhile. */
    private boolean awaitLockBack() throws SQLException, InterruptedException {
        while (!stopRequested.getAsBoolean()) {
            Thread.sleep(LOCK_RETRY_MILLIS);
            // the command clears its request once it holds the lock; until then the lock is not ours to take
            if (store.handoverRequested(name).isEmpty() && store.tryLock(name)) {
                return true;
            }
        }
        return false;
    }

    private void begin(LoadedWorkflow workflow) throws SQLException {
        Preflight.check(workflow.plan(), workflow.sources());
        TargetTables.prepare(workflow, store, log);
        Set<String> dataSources = new LinkedHashSet<>();
        List<CopyCheckpoint> shards = new ArrayList<>();
        for (TablePlan table : workflow.plan().movingTables()) {
            table.current().nodes().forEach(node -> dataSources.add(node.dataSource()));
            for (SourcePlan source : table.movingSources()) {
                DataNode node = source.source();
                long estimate = SizeEstimates.size(workflow.sources().get(node.dataSource()), node.physicalTable())
                        .map(NodeSize::rows).orElse(0L);
                shards.add(new CopyCheckpoint(table.table(), node.toString(), null, 0, 0, estimate, false, null, 0,
                        null));
            }
        }
        Map<String, String> positions = new LinkedHashMap<>();
        for (String dataSource : dataSources) {
            positions.put(dataSource, ChangeStream.binlogPosition(workflow.sources().get(dataSource)));
        }
        store.beginCopy(name, positions, shards);
        log.accept("recorded change-log positions " + positions + "; copying");
    }

    /**
     * Copies every unfinished source shard, waiting between chunks while a replica of a data source the copy reads
     * or writes lags; false when stopped (or asked for the workflow) before the end.
     */
    private boolean copy(LoadedWorkflow workflow) throws SQLException, InterruptedException {
        Throttle throttle = options.maxRowsPerSecond() > 0
                ? Throttle.perSecond(options.maxRowsPerSecond()) : Throttle.unlimited();
        Set<String> sourceDataSources = new LinkedHashSet<>();
        workflow.plan().movingTables().forEach(t -> t.movingSources()
                .forEach(s -> sourceDataSources.add(s.source().dataSource())));
        List<DataSourceConfig> watched = new ArrayList<>(dataSources(workflow.current(), sourceDataSources));
        watched.addAll(dataSources(workflow.target(), receivingDataSources(workflow.plan())));
        try (LagGuard guard = LagGuard.watching(watched, options.maxReplicaLag(), "copy", log)) {
            return copy(workflow, throttle, guard);
        }
    }

    private boolean copy(LoadedWorkflow workflow, Throttle throttle, LagGuard guard)
            throws SQLException, InterruptedException {
        Map<String, TablePlan> tables = new LinkedHashMap<>();
        workflow.plan().movingTables().forEach(t -> tables.put(t.table(), t));
        for (CopyCheckpoint checkpoint : store.copyCheckpoints(name)) {
            if (checkpoint.done()) {
                continue;
            }
            TablePlan table = tables.get(checkpoint.table());
            DataNode source = table.movingSources().stream().map(SourcePlan::source)
                    .filter(n -> n.toString().equals(checkpoint.sourceNode())).findFirst()
                    .orElseThrow(() -> ReshardException.failed("checkpoint for unknown source shard "
                            + checkpoint.sourceNode(), null));
            ShardCopier copier = new ShardCopier(name, table.table(), source, table.receivingNodes(), table.target(),
                    store, workflow.sources(), workflow.targets(), options.chunkSize(), throttle, guard,
                    this::stopOrHandover, log);
            if (!copier.run(checkpoint)) {
                return false;
            }
        }
        return true;
    }

    /** The data sources that receive rows under {@code plan}. */
    private static Set<String> receivingDataSources(ReshardPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        plan.movingTables().forEach(t -> t.receivingNodes().forEach(node -> out.add(node.dataSource())));
        return out;
    }

    private static List<DataSourceConfig> dataSources(RulesSource rules, Set<String> names) {
        return names.stream().map(n -> rules.config().dataSources().get(n)).filter(Objects::nonNull).toList();
    }
}
