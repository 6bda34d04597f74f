package io.shardgate.execute.replica;

import java.time.Duration;

/**
 * One replica as the engine sees it now, for monitoring and tests.
 *
 * @param endpoint the replica's pool name, {@code shardgate-<dataSource>-replica<i>}
 * @param state    whether reads may use it, and if not, why
 * @param lag      how far behind it is: zero when it had everything the primary had at the last check, otherwise
 *                 the time since it last had; null while unknown (never checked, or never seen caught up)
 * @param problem  why it is down (the last error), or null
 */
public record ReplicaStatus(String endpoint, State state, Duration lag, String problem) {

    public enum State {
        /** Not checked yet: gets no reads. */
        UNKNOWN,
        /** Reachable and within {@code read.maxLagMs}: gets reads. */
        UP,
        /** Reachable but further behind than {@code read.maxLagMs}: gets no reads until it catches up. */
        LAGGING,
        /** Unreachable at the last check, or failed a read since: gets no reads until a check reaches it. */
        DOWN
    }
}
