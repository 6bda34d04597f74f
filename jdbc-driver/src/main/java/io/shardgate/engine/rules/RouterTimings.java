package io.shardgate.engine.rules;

import java.time.Duration;

/**
 * The clocks of the router protocol, shared by routers and the resharding tool. The self-fence comes well before
 * the lease ends: by the time the tool stops waiting for a silent router, that router has stopped writing to the
 * tables being moved.
 */
public final class RouterTimings {
    /** How often a router refreshes its registration. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** How often a router reads the published version and the active switch when nothing is switching. */
    public static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** How often it reads them while a switch is in progress: this bounds what the switch adds to a write pause. */
    public static final Duration SWITCH_POLL = Duration.ofMillis(10);
    /** A router whose last heartbeat is older than this (by the store's clock) is considered gone. */
    public static final Duration LEASE = Duration.ofSeconds(5);
    /** A router that has not reached the store for this long holds writes to the tables being moved. */
    public static final Duration SELF_FENCE_AFTER = Duration.ofSeconds(3);
    /** The longest a write waits in a hold; then it fails with an error naming the switch. */
    public static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private RouterTimings() {
    }
}
