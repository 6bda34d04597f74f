package io.shardgate.reshard.cutover;

import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.WorkflowState;

import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Switch attempts a killed tool left in PREPARE or HOLD. Its routers hold writes until the attempt ends (or their
 * longest hold passes), so the next command that takes the workflow ends it first: aborted, and a cutover's
 * workflow back to STREAMING. Fences it may have switched on are the caller's to take down.
 */
final class UnfinishedSwitches {
    private UnfinishedSwitches() {
    }

    /** Aborts them; true when there were any. */
    static boolean abandon(MetadataStore store, String workflow, Consumer<String> log) throws SQLException {
        boolean any = false;
        for (int attempt : store.unfinishedSwitches(workflow)) {
            WorkflowState state = store.workflow(workflow).orElseThrow().state();
            boolean cutover = state == WorkflowState.CUTTING_OVER;
            store.abortSwitch(workflow, attempt, "abandoned: the command running it stopped", state,
                    cutover ? WorkflowState.STREAMING : null);
            log.accept("aborted switch attempt " + attempt + " left unfinished by a stopped command");
            any = true;
        }
        return any;
    }
}
