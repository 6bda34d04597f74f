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
 * {@code rollback}: the cutover's switch in reverse. The reverse stream, which has kept the old layout current
 * since the cutover, catches up; the routers load the old rules and hold writes; the stream drains; the target
 * tables are fenced and the old ones unfenced; the old version is published again. The old tables' fence triggers
 * are dropped afterwards. The target tables stay (fenced) until an operator drops them.
 */
public final class RollbackRun {
    private final MetadataStore store;
    private final String name;
    private final Duration timeout;
    private final Duration catchUpTimeout;
    private final Consumer<String> log;

    public RollbackRun(MetadataStore store, String name, Duration timeout, Duration catchUpTimeout,
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
        if (workflow.state() == WorkflowState.ROLLED_BACK) {
            return publishedEarlier();
        }
        if (workflow.state() != WorkflowState.CUT_OVER) {
            throw ReshardException.notPossible("workflow " + name + " is " + workflow.state() + "; rollback needs "
                    + "it CUT_OVER");
        }
        WorkflowLock.take(store, name, "rollback", log);
        try (LoadedWorkflow loaded = LoadedWorkflow.load(store, name)) {
            ReshardPlan reverse = loaded.reversePlan();
            Fences old = CutoverRun.oldLayoutFences(loaded);
            Fences targets = targetFences(loaded, reverse);
            UnfinishedSwitches.abandon(store, loaded, log);
            targets.install();
            log.accept("fence triggers ready on " + targets.nodes() + "; catching up the reverse stream");
            long fromVersion = loaded.workflow().toVersion();
            long toVersion = loaded.workflow().fromVersion();
            SwitchReport report;
            try (StreamDriver stream = StreamDriver.start(new ChangeStream(name, StreamDirection.REVERSE, reverse,
                    store, loaded.targets(), loaded.sources(), log))) {
                stream.awaitCaughtUp(catchUpTimeout);
                RouterSwitches switches = store.routerSwitches();
                Switch.Result result = new Switch(switches, name, "rollback", loaded.movingTables(), fromVersion,
                        toVersion, WorkflowState.CUT_OVER, WorkflowState.CUT_OVER, timeout, log)
                        .run(stream, loaded.target().config(), ChangeStream.sourceDataSources(reverse), targets, old,
                                attempt -> switches.publishSwitch(name, attempt, toVersion, WorkflowState.CUT_OVER,
                                        WorkflowState.ROLLED_BACK, "rollback: rules v" + toVersion
                                                + " published again, target tables fenced",
                                        StreamDirection.REVERSE, Map.of()));
                report = new SwitchReport("rollback", name, result.attempt(), toVersion, result.pauseMillis(),
                        result.acks(), targets.nodes(), false);
            }
            old.remove();
            return report;
        } finally {
            store.unlock(name);
        }
    }

    /**
     * An earlier rollback published and was killed before it said so, perhaps before it dropped the old tables'
     * fence triggers: running it again drops what is left of them and reports the attempt that published.
     */
    private SwitchReport publishedEarlier() throws SQLException, InterruptedException {
        int attempt = store.routerSwitches().lastPublished(name, "rollback").orElseThrow(() -> ReshardException
                .notPossible("workflow " + name + " is ROLLED_BACK but no rollback attempt published it"));
        WorkflowLock.take(store, name, "rollback", log);
        try (LoadedWorkflow loaded = LoadedWorkflow.load(store, name)) {
            CutoverRun.oldLayoutFences(loaded).remove();
            return SwitchReport.earlier("rollback", name, attempt, loaded.workflow().fromVersion(),
                    targetFences(loaded, loaded.reversePlan()).nodes());
        } finally {
            store.unlock(name);
        }
    }

    /** Fences for the target tables the rows leave again, each naming the rollback. */
    static Fences targetFences(LoadedWorkflow loaded, ReshardPlan reverse) {
        Map<DataNode, String> nodes = new LinkedHashMap<>();
        reverse.movingTables().forEach(table -> table.movingSources().forEach(source -> nodes.put(source.source(),
                Fences.movedMessage(table.table(), "moved back (rollback of workflow " + loaded.name() + ", rules v"
                        + loaded.workflow().fromVersion() + ")"))));
        return new Fences(loaded.name(), loaded.targets(), nodes);
    }
}
