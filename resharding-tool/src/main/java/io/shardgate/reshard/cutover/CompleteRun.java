package io.shardgate.reshard.cutover;

import io.shardgate.config.DataNode;
import io.shardgate.engine.rules.RouterTimings;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.Sql;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterRegistration;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.workflow.LoadedWorkflow;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code complete}: ends a cut-over workflow for good. Every live router must run the target rules. The old tables
 * lost all their rows to the new ones (the planner refuses anything else), so they are dropped whole, their fence
 * triggers with them; the reverse stream's positions are forgotten, and a waiting {@code start} ends.
 */
public final class CompleteRun {
    private final MetadataStore store;
    private final String name;
    private final Consumer<String> log;

    public CompleteRun(MetadataStore store, String name, Consumer<String> log) {
        this.store = store;
        this.name = name;
        this.log = log;
    }

    /** Returns the tables dropped. */
    public List<DataNode> run() throws SQLException, InterruptedException {
        Workflow workflow = store.workflow(name).orElseThrow(() -> ReshardException.notPossible("no workflow named "
                + name));
        if (workflow.state() != WorkflowState.CUT_OVER) {
            throw ReshardException.notPossible("workflow " + name + " is " + workflow.state() + "; complete needs "
                    + "it CUT_OVER");
        }
        List<String> behind = store.routerSwitches().liveRouters(RouterTimings.LEASE).stream()
                .filter(r -> r.rulesVersion() != workflow.toVersion()).map(RouterRegistration::describe).toList();
        if (!behind.isEmpty()) {
            throw ReshardException.notPossible("routers still run other rules than v" + workflow.toVersion() + ": "
                    + String.join("; ", behind) + "; the old tables stay until they follow");
        }
        WorkflowLock.take(store, name, "complete", log);
        try (LoadedWorkflow loaded = LoadedWorkflow.load(store, name)) {
            Fences old = CutoverRun.oldLayoutFences(loaded);
            for (DataNode node : old.nodes()) {
                try (Statement statement = loaded.sources().get(node.dataSource()).createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + Sql.quote(node.physicalTable()));
                }
                log.accept("dropped " + node);
            }
            old.remove();
            store.deleteStreamPositions(name, StreamDirection.REVERSE);
            store.transition(name, WorkflowState.CUT_OVER, WorkflowState.COMPLETED, "old tables dropped: "
                    + old.nodes());
            return old.nodes();
        } finally {
            store.unlock(name);
        }
    }
}
