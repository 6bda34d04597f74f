package io.shardgate.execute.replica;

import io.shardgate.execute.replica.ReplicaStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What is known about one replica: reachable or not, and since when it has been behind the primary. Fed by the
 * health checker's probes and by reads that fail on the replica; asked on every read whether the replica may be
 * used. Thread-safe: writers are synchronized, readers take one immutable snapshot.
 *
 * <p>Lag is "time since last seen current": a replica that had everything the primary had at the last check has
 * no lag until the next check, and one that had not lags by the time since the newest check whose primary
 * position it has reached. A check result older than {@code freshFor} no longer vouches for a replica, so a stuck
 * checker cannot keep a replica in use forever.
 */
final class ReplicaHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHealth.class);
    static final long NEVER = Long.MIN_VALUE;

    /**
     * @param checked     a check (or a failed read) has reported at least once
     * @param reachable   the last report found it reachable
     * @param checkedAt   when the last successful check started
     * @param currentAsOf the newest time it is known to have had everything the primary had, or NEVER
     * @param caughtUp    the last successful check found it as far as the primary
     * @param problem     why it is unreachable
     */
    private record Snapshot(boolean checked, boolean reachable, long checkedAt, long currentAsOf, boolean caughtUp,
                            String problem) {
    }

    private final String name;
    private final long maxLagNanos;
    private final long freshForNanos;
    private final Ticker ticker;
    private volatile Snapshot snapshot = new Snapshot(false, false, NEVER, NEVER, false, null);
    /** When a read last failed here; check results that started earlier are stale. Guarded by this. */
    private long markedDownAt = NEVER;
    /** The state last logged, to log changes only. Guarded by this. */
    private State logged = State.UNKNOWN;

    ReplicaHealth(String name, Duration maxLag, Duration freshFor, Ticker ticker) {
        this.name = name;
        this.maxLagNanos = maxLag.toNanos();
        this.freshForNanos = freshFor.toNanos();
        this.ticker = ticker;
    }

    /**
     * A check that started at {@code checkedAt} reached the replica.
     *
     * @param currentAsOf the newest time it is known to have had everything the primary had, or NEVER
     * @param caughtUp    it had everything the primary had when this check began
     */
    synchronized void reached(long checkedAt, long currentAsOf, boolean caughtUp) {
        if (checkedAt < markedDownAt) {
            return; // began before a read failed here: says nothing about the replica now
        }
        Snapshot s = snapshot;
        snapshot = new Snapshot(true, true, checkedAt, Math.max(s.currentAsOf, currentAsOf), caughtUp, null);
        logChange(checkedAt);
    }

    /** A check that started at {@code checkedAt} could not reach the replica. */
    synchronized void unreachable(long checkedAt, String problem) {
        snapshot = new Snapshot(true, false, snapshot.checkedAt, snapshot.currentAsOf, false, problem);
        logChange(checkedAt);
    }

    /** A read failed on the replica's connection: no reads until a check that starts from now reaches it. */
    synchronized void markDown(String problem) {
        long now = ticker.read();
        markedDownAt = now;
        snapshot = new Snapshot(true, false, snapshot.checkedAt, snapshot.currentAsOf, false, problem);
        logChange(now);
    }

    /** Whether reads may use the replica at {@code now}. */
    boolean usable(long now) {
        Snapshot s = snapshot;
        return s.reachable && lagNanos(s, now) <= maxLagNanos;
    }

    /** True when the replica is known to have had everything the primary had at {@code time}. */
    boolean hadEverythingAt(long time) {
        long currentAsOf = snapshot.currentAsOf;
        return currentAsOf != NEVER && currentAsOf - time >= 0;
    }

    ReplicaStatus status(long now) {
        Snapshot s = snapshot;
        long lag = s.reachable ? lagNanos(s, now) : Long.MAX_VALUE;
        return new ReplicaStatus(name, state(s, now), lag == Long.MAX_VALUE ? null : Duration.ofNanos(lag),
                s.problem);
    }

    private State state(Snapshot s, long now) {
        if (!s.checked) {
            return State.UNKNOWN;
        }
        if (!s.reachable) {
            return State.DOWN;
        }
        return lagNanos(s, now) <= maxLagNanos ? State.UP : State.LAGGING;
    }

    /** Long.MAX_VALUE when the replica was never seen current. */
    private long lagNanos(Snapshot s, long now) {
        if (s.caughtUp && now - s.checkedAt <= freshForNanos) {
            return 0;
        }
        return s.currentAsOf == NEVER ? Long.MAX_VALUE : Math.max(0, now - s.currentAsOf);
    }

    private void logChange(long now) {
        Snapshot s = snapshot;
        State state = state(s, now);
        if (state == logged) {
            return;
        }
        logged = state;
        switch (state) {
            case UP -> LOG.info("{} is up: reads may use it", name);
            case LAGGING -> LOG.warn("{} lags more than {} ms: reads skip it", name, maxLagNanos / 1_000_000);
            case DOWN -> LOG.warn("{} is down: reads skip it ({})", name, s.problem);
            case UNKNOWN -> {
                // not reachable from a report
            }
        }
    }
}
