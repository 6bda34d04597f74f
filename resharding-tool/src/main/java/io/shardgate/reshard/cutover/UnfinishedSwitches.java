package io.shardgate.reshard.cutover;

import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterSwitches;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.workflow.LoadedWorkflow;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Switch attempts a killed tool left in PREPARE or HOLD. Its routers hold writes until the attempt ends (or their
 * longest hold passes), so whichever process takes the workflow next ends it first: cutover, rollback, cancel, or
 * the {@code start} that streamed before. The fences go back to what the routers' current rules need before the
 * attempt is aborted: aborting releases the held writes onto those rules at once, and a fence the killed tool had
 * already switched on would fail them.
 */
public final class UnfinishedSwitches {
    private UnfinishedSwitches() {
    }

    /**
     * Restores the fences, aborts the attempts (a cutover's workflow goes back to STREAMING); true when there were
     * any. The caller holds the workflow lock, so no command is still running them.
     */
    public static boolean abandon(MetadataStore store, LoadedWorkflow loaded, Consumer<String> log)
            throws SQLException {
        RouterSwitches switches = store.routerSwitches();
        String workflow = loaded.name();
        List<Integer> attempts = switches.unfinishedSwitches(workflow);
        if (attempts.isEmpty()) {
            return false;
        }
        WorkflowState state = store.workflow(workflow).orElseThrow().state();
        boolean cutover = state == WorkflowState.CUTTING_OVER;
        if (cutover) {
            CutoverRun.oldLayoutFences(loaded).deactivate();
        } else {
            RollbackRun.targetFences(loaded, loaded.reversePlan()).deactivate();
            CutoverRun.oldLayoutFences(loaded).activate();
        }
        for (int i = 0; i < attempts.size(); i++) {
            boolean moveBack = cutover && i == 0;
            switches.abortSwitch(workflow, attempts.get(i), "abandoned: the command running it stopped", state,
                    moveBack ? WorkflowState.STREAMING : null);
            log.accept("aborted switch attempt " + attempts.get(i) + " left unfinished by a stopped command; "
                    + "fences restored, the routers keep the rules they ran");
        }
        return true;
    }
}
