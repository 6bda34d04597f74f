package io.shardgate.reshard.cutover;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterSwitches;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.stream.ChangeStream;
import io.shardgate.reshard.workflow.LoadedWorkflow;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code cutover}: takes the workflow over from a running {@code start}, fences-to-be on the old tables, runs the
 * forward stream until it has caught up, then the {@link Switch} to the target rules. The publication also records
 * where the reverse stream starts: the target data sources' binlog positions while writes are held and the old
 * tables fenced, so every write made through the new layout is in it.
 */
public final class CutoverRun {
    private final MetadataStore store;
    private final String name;
    private final Duration timeout;
    private final Duration catchUpTimeout;
    private final Consumer<String> log;

    /**
     * @param timeout        how long routers have to answer each phase, and the stream to drain
     * @param catchUpTimeout how long the stream may take to catch up before the switch begins
     */
    public CutoverRun(MetadataStore store, String name, Duration timeout, Duration catchUpTimeout,
                      Consumer<String> log) {
        this.store = store;
        this.name = name;
        this.timeout = timeout;
        this.catchUpTimeout = catchUpTimeout;
        this.log = log;
    }

    public SwitchReport run() throws SQLException, InterruptedException {
        Workflow workflow = store.workflow(name).orElseThrow(() -> ReshardException.notPossible("no workflow named "
                + name));
        if (workflow.state() == WorkflowState.CUT_OVER) {
            return publishedEarlier(workflow);
        }
        if (workflow.state() != WorkflowState.STREAMING && workflow.state() != WorkflowState.CUTTING_OVER) {
            throw ReshardException.notPossible("workflow " + name + " is " + workflow.state() + "; cutover needs "
                    + "it STREAMING (the copy complete)");
        }
        WorkflowLock.take(store, name, "cutover", log);
        try (LoadedWorkflow loaded = LoadedWorkflow.load(store, name)) {
            UnfinishedSwitches.abandon(store, loaded, log);
            Fences old = oldLayoutFences(loaded);
            ReshardPlan reverse = loaded.reversePlan();
            old.install();
            log.accept("fence triggers ready on " + old.nodes() + "; catching up");
            try (StreamDriver stream = StreamDriver.start(new ChangeStream(name, StreamDirection.FORWARD,
                    loaded.plan(), store, loaded.sources(), loaded.targets(), log))) {
                stream.awaitCaughtUp(catchUpTimeout);
                RouterSwitches switches = store.routerSwitches();
                Switch.Result result = new Switch(switches, name, "cutover", loaded.movingTables(),
                        loaded.workflow().fromVersion(), loaded.workflow().toVersion(), WorkflowState.STREAMING,
                        WorkflowState.CUTTING_OVER, timeout, log)
                        .run(stream, loaded.current().config(), ChangeStream.sourceDataSources(loaded.plan()), old, null,
                                attempt -> switches.publishSwitch(name, attempt, loaded.workflow().toVersion(),
                                        WorkflowState.CUTTING_OVER, WorkflowState.CUT_OVER, "cutover: rules v"
                                                + loaded.workflow().toVersion() + " published, old layout fenced",
                                        StreamDirection.REVERSE, reverseStart(loaded, reverse)));
                return new SwitchReport("cutover", name, result.attempt(), loaded.workflow().toVersion(),
                        result.pauseMillis(), result.acks(), old.nodes(), false);
            }
        } finally {
            store.unlock(name);
        }
    }

    /** An earlier cutover published and was killed before it could say so: running it again reports that. */
    private SwitchReport publishedEarlier(Workflow workflow) throws SQLException {
        int attempt = store.routerSwitches().lastPublished(name, "cutover").orElseThrow(() -> ReshardException
                .notPossible("workflow " + name + " is CUT_OVER but no cutover attempt published it"));
        try (LoadedWorkflow loaded = LoadedWorkflow.load(store, name)) {
            return SwitchReport.earlier("cutover", name, attempt, workflow.toVersion(),
                    oldLayoutFences(loaded).nodes());
        }
    }

    /** The fences of the tables the rows leave, each naming the workflow. */
    static Fences oldLayoutFences(LoadedWorkflow loaded) {
        Map<DataNode, String> nodes = new LinkedHashMap<>();
        loaded.plan().movingTables().forEach(table -> table.movingSources().forEach(source -> nodes.put(
                source.source(), Fences.movedMessage(table.table(), "moved (resharding workflow " + loaded.name()
                        + ", rules v" + loaded.workflow().toVersion() + ")"))));
        return new Fences(loaded.name(), loaded.sources(), nodes);
    }

    private static Map<String, String> reverseStart(LoadedWorkflow loaded, ReshardPlan reverse) throws SQLException {
        Map<String, String> positions = new LinkedHashMap<>();
        for (String dataSource : ChangeStream.sourceDataSources(reverse)) {
            positions.put(dataSource, ChangeStream.binlogPosition(loaded.targets().get(dataSource)));
        }
        return positions;
    }
}
