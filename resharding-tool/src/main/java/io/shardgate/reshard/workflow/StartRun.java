package io.shardgate.reshard.workflow;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.copy.ShardCopier;
import io.shardgate.reshard.copy.Throttle;
import io.shardgate.reshard.meta.CopyCheckpoint;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.plan.NodeSize;
import io.shardgate.reshard.plan.SizeEstimates;
import io.shardgate.reshard.plan.SourcePlan;
import io.shardgate.reshard.plan.TablePlan;
import io.shardgate.reshard.stream.ChangeStream;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code start}: takes a workflow from wherever it is (PLANNED, COPYING or STREAMING) to a running change stream.
 * From PLANNED it checks the sources, creates the target tables, and records each source's GTID position before
 * reading any row, so every change made during the copy is in the stream that follows. The copy then runs source
 * shard by source shard from its checkpoint, and the stream from its saved positions. The stream starts only once
 * the copy has finished: the copy writes rows as it reads them, and a delete applied by a concurrently running
 * stream could otherwise be undone by a copy that read the row just before.
 */
public final class StartRun {
    private final MetadataStore store;
    private final String name;
    private final StartOptions options;
    private final BooleanSupplier stopRequested;
    private final Consumer<String> log;

    public StartRun(MetadataStore store, String name, StartOptions options, BooleanSupplier stopRequested,
                    Consumer<String> log) {
        this.store = store;
        this.name = name;
        this.options = options;
        this.stopRequested = stopRequested;
        this.log = log;
    }

    public void run() throws SQLException, InterruptedException {
        WorkflowState state = store.workflow(name).map(w -> w.state()).orElseThrow(
                () -> ReshardException.notPossible("no workflow named " + name));
        if (state != WorkflowState.PLANNED && state != WorkflowState.COPYING && state != WorkflowState.STREAMING) {
            throw ReshardException.notPossible("workflow " + name + " is " + state + "; start continues only a "
                    + "PLANNED, COPYING or STREAMING workflow");
        }
        if (!store.tryLock(name)) {
            throw ReshardException.notPossible("another start is already running workflow " + name);
        }
        try (LoadedWorkflow workflow = LoadedWorkflow.load(store, name)) {
            state = workflow.workflow().state();
            if (state == WorkflowState.PLANNED) {
                begin(workflow);
                state = WorkflowState.COPYING;
            }
            if (state == WorkflowState.COPYING) {
                if (!copy(workflow)) {
                    log.accept("copy stopped; run start again to resume from the checkpoints");
                    return;
                }
                store.transition(name, WorkflowState.COPYING, WorkflowState.STREAMING, "copy complete");
            }
            new ChangeStream(name, workflow.plan(), store, workflow.sources(), workflow.targets(), stopRequested, log)
                    .run(options.untilCaughtUp());
        }
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

    /** Copies every unfinished source shard; false when stopped before the end. */
    private boolean copy(LoadedWorkflow workflow) throws SQLException, InterruptedException {
        Throttle throttle = options.maxRowsPerSecond() > 0
                ? Throttle.perSecond(options.maxRowsPerSecond()) : Throttle.unlimited();
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
                    store,
                    workflow.sources(), workflow.targets(), options.chunkSize(), throttle, stopRequested, log);
            if (!copier.run(checkpoint)) {
                return false;
            }
        }
        return true;
    }
}
