package io.shardgate.reshard.workflow;

import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Ends the switch attempts a killed cutover or rollback left unfinished; implemented by the cutover package and
 * passed in, so the workflow's own runs do not depend on it.
 */
@FunctionalInterface
public interface SwitchRecovery {
    /** Returns true when there were any. The caller holds the workflow lock. */
    boolean abandonUnfinished(LoadedWorkflow workflow, Consumer<String> log) throws SQLException;
}
