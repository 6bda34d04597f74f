package io.shardgate.engine.rules;

/**
 * Where a switch (a cutover, or a rollback after one) stands. Routers act on PREPARE and HOLD; PUBLISHED and
 * ABORTED end it: the routers then run the published version and release the writes they held.
 */
public enum SwitchPhase {
    /** Routers load the version being switched to (pools for new data sources included) and acknowledge. */
    PREPARE,
    /** Routers hold new writes to the switch's tables, let the ones in flight finish, and acknowledge. */
    HOLD,
    /** The new version is published. */
    PUBLISHED,
    /** The switch was abandoned; the version in use stays. */
    ABORTED
}
