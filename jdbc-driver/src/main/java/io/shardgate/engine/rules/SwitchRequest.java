package io.shardgate.engine.rules;

import java.util.Set;

/**
 * One attempt at a switch as the store describes it: which workflow, which attempt, the logical tables whose writes
 * are held, and the rules version being switched to.
 */
public record SwitchRequest(String workflow, int attempt, String kind, SwitchPhase phase, Set<String> tables,
                            long toVersion) {
    public SwitchRequest {
        tables = Set.copyOf(tables);
    }

    public boolean sameAttempt(SwitchRequest other) {
        return other != null && workflow.equals(other.workflow) && attempt == other.attempt;
    }

    /** How errors and logs name it, e.g. {@code cutover of workflow split (attempt 2)}. */
    public String describe() {
        return kind + " of workflow " + workflow + " (attempt " + attempt + ")";
    }
}
