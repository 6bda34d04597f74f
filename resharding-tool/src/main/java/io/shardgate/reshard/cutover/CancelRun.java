package io.shardgate.reshard.cutover;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.Sql;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.workflow.LoadedWorkflow;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code cancel}: abandons a workflow before cutover. A switch attempt a killed cutover left is aborted first, and
 * fence triggers an aborted cutover installed are dropped. Then the target tables this workflow created are
 * dropped and the ones it adopted (empty when it began) are emptied; tables it did not create are never dropped.
 */
public final class CancelRun {
    private static final EnumSet<WorkflowState> CANCELLABLE = EnumSet.of(WorkflowState.PLANNED,
            WorkflowState.COPYING, WorkflowState.STREAMING, WorkflowState.CUTTING_OVER);

    private final MetadataStore store;
    private final String name;
    private final Consumer<String> log;

    public CancelRun(MetadataStore store, String name, Consumer<String> log) {
        this.store = store;
        this.name = name;
        this.log = log;
    }

    /** Returns what was done to each target table. */
    public List<String> run() throws SQLException, InterruptedException {
        Workflow workflow = store.workflow(name).orElseThrow(() -> ReshardException.notPossible("no workflow named "
                + name));
        if (!CANCELLABLE.contains(workflow.state())) {
            throw ReshardException.notPossible("workflow " + name + " is " + workflow.state() + "; cancel works "
                    + "before cutover (after it, use rollback)");
        }
        WorkflowLock.take(store, name, "cancel", log);
        try (LoadedWorkflow loaded = LoadedWorkflow.load(store, name)) {
            UnfinishedSwitches.abandon(store, loaded, log);
            CutoverRun.oldLayoutFences(loaded).remove();
            List<String> done = new ArrayList<>();
            for (Map.Entry<String, Boolean> target : store.targetTables(name).entrySet()) {
                DataNode node = node(target.getKey());
                try (Statement statement = loaded.targets().get(node.dataSource()).createStatement()) {
                    if (target.getValue()) {
                        statement.execute("DROP TABLE IF EXISTS " + Sql.quote(node.physicalTable()));
                        done.add("dropped " + node);
                    } else {
                        statement.execute("TRUNCATE TABLE " + Sql.quote(node.physicalTable()));
                        done.add("emptied " + node + " (it existed before the workflow)");
                    }
                }
                log.accept(done.get(done.size() - 1));
            }
            WorkflowState state = store.workflow(name).orElseThrow().state();
            store.transition(name, state, WorkflowState.CANCELLED, "cancelled: " + String.join("; ", done));
            return done;
        } finally {
            store.unlock(name);
        }
    }

    private static DataNode node(String text) {
        int dot = text.indexOf('.');
        return new DataNode(text.substring(0, dot), text.substring(dot + 1));
    }
}
