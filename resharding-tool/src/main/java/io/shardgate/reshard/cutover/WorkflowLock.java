package io.shardgate.reshard.cutover;

import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.meta.MetadataStore;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The workflow lock for a command that changes the layout. A {@code start} streaming the workflow holds it: the
 * command asks that {@code start} to hand it over (it saves its positions, lets go, and continues with whatever
 * stream the workflow needs once the command is done), so the operator need not stop it first.
 */
final class WorkflowLock {
    private static final Duration HANDOVER_WAIT = Duration.ofSeconds(30);

    private WorkflowLock() {
    }

    static void take(MetadataStore store, String workflow, String command, Consumer<String> log)
            throws SQLException {
        if (store.tryLock(workflow)) {
            // a request still there came from a command killed while it waited; left, it would keep the start
            // that let go waiting for the lock forever
            if (store.handoverRequested(workflow).isPresent()) {
                store.clearHandover(workflow);
            }
            return;
        }
        log.accept("asking the start that streams workflow " + workflow + " to hand it over");
        store.requestHandover(workflow, command);
        boolean taken;
        try {
            taken = store.lock(workflow, HANDOVER_WAIT);
        } finally {
            store.clearHandover(workflow);
        }
        if (!taken) {
            throw ReshardException.notPossible("workflow " + workflow + " is held by another process that did not "
                    + "let go within " + HANDOVER_WAIT.toSeconds() + " s (another " + command + ", or a start "
                    + "of an older build)");
        }
    }
}
