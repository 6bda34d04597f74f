package io.shardgate.engine.rules;

import java.util.Set;

/**
 * What a router reads from the store on every poll, in one query.
 *
 * @param version       the published rules version, 0 when none is published yet
 * @param movingTables  the logical tables of the active workflow (empty when none is active)
 * @param activeSwitch  the switch in PREPARE or HOLD, or null
 */
public record StoreSnapshot(long version, Set<String> movingTables, SwitchRequest activeSwitch) {
    public StoreSnapshot {
        movingTables = Set.copyOf(movingTables);
    }
}
