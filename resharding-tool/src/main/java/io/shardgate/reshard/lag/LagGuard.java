package io.shardgate.reshard.lag;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.reshard.copy.Throttle;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Backs the copy or the stream off while a replica lags: between chunks (or batches) it measures the replicas at
 * most once per check interval, and while any lags more than the limit it waits, re-measuring every interval, with
 * a progress line saying why and on which replica. A replica that cannot be checked is reported once and not waited
 * for: it serves no reads while it is down, and waiting could stall the workflow for as long as it stays down; once
 * it answers again its lag counts again. Time comes from an injected clock and sleeper, as in {@link Throttle}.
 */
public final class LagGuard implements AutoCloseable {
    /** How often a lagging replica is named again while the wait goes on. */
    private static final long REPEAT_NANOS = Duration.ofSeconds(10).toNanos();
    /** Waits are cut into slices this long, so a stop or a hand-over is noticed promptly. */
    private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);
    /** Connecting to a replica or its primary, or one query, longer than this counts as unreachable. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final ReplicaLagSource source;
    private final long maxLagNanos;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Throttle.Sleeper sleeper;
    private final String paused;
    private final Consumer<String> log;
    private final Map<String, String> unreachable = new HashMap<>();
    private boolean checked;
    private long lastCheck;
    private long waitingSince;
    private long lastWaitLog;
    private boolean waiting;

    /**
     * @param maxLag   the lag above which the work waits; zero turns the guard off
     * @param interval how often replicas are measured, at most
     * @param paused   what waits, for the progress lines ("copy", "stream")
     */
    public LagGuard(ReplicaLagSource source, Duration maxLag, Duration interval, LongSupplier nanoClock,
                    Throttle.Sleeper sleeper, String paused, Consumer<String> log) {
        this.source = source;
        this.maxLagNanos = maxLag.toNanos();
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.paused = paused;
        this.log = log;
    }

    /**
     * A guard on the replicas of {@code dataSources} with the system clock; off when {@code maxLag} is zero or none
     * has replicas. Replicas are measured every quarter of the limit (100 ms to 1 s), so that the resolution of the
     * lag, one interval, stays well below the limit.
     */
    public static LagGuard watching(Collection<DataSourceConfig> dataSources, Duration maxLag, String paused,
                                    Consumer<String> log) {
        if (maxLag.isZero() || dataSources.stream().allMatch(ds -> ds.replicas().isEmpty())) {
            return off();
        }
        Duration interval = maxLag.dividedBy(4);
        interval = interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL
                : interval.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval;
        GtidReplicaLag source = new GtidReplicaLag(dataSources, maxLag.multipliedBy(3), CHECK_TIMEOUT,
                System::nanoTime);
        log.accept(paused + " waits while a replica lags more than " + seconds(maxLag.toNanos()) + ": watching "
                + String.join(", ", source.replicas()));
        return new LagGuard(source, maxLag, interval, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)), paused, log);
    }

    /** A guard that never measures or waits. */
    public static LagGuard off() {
        return new LagGuard(null, Duration.ZERO, Duration.ZERO, System::nanoTime, nanos -> { }, "", line -> { });
    }

    private boolean on() {
        return source != null && maxLagNanos > 0;
    }

    /**
     * Without waiting: false when a check is due and finds a replica lagging more than the limit (the first such
     * finding logs the pause), true otherwise.
     */
    public boolean withinLimit() {
        if (!on()) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (checked && now - lastCheck < intervalNanos) {
            return !waiting;
        }
        return check(now);
    }

    /**
     * Returns once no replica lags more than the limit: at once when no check is due or the check finds none,
     * otherwise after waiting for them. False when {@code stop} asks to stop meanwhile.
     */
    public boolean awaitReplicas(BooleanSupplier stop) throws InterruptedException {
        if (!on()) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (!waiting && (checked && now - lastCheck < intervalNanos || check(now))) {
            return true;
        }
        while (true) {
            long due = lastCheck + intervalNanos;
            while ((now = nanoClock.getAsLong()) - due < 0) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                sleeper.sleepNanos(Math.min(SLICE_NANOS, due - now));
            }
            if (stop.getAsBoolean()) {
                return false;
            }
            if (check(now)) {
                return true;
            }
        }
    }

    /** Measures now; true when no reachable replica lags more than the limit. */
    private boolean check(long now) {
        checked = true;
        lastCheck = now;
        List<ReplicaLag> lags = source.measure();
        reportReachability(lags);
        ReplicaLag worst = null;
        for (ReplicaLag lag : lags) {
            if (lag.reachable() && lag.lag().toNanos() > maxLagNanos
                    && (worst == null || lag.lag().compareTo(worst.lag()) > 0)) {
                worst = lag;
            }
        }
        if (worst == null) {
            if (waiting) {
                log.accept("replicas within " + seconds(maxLagNanos) + " again after waiting "
                        + seconds(now - waitingSince) + "; " + paused + " resumes");
                waiting = false;
            }
            return true;
        }
        if (!waiting) {
            waiting = true;
            waitingSince = now;
            lastWaitLog = now;
            log.accept(paused + " paused: replica " + worst.replica() + " is " + behind(worst) + " (limit "
                    + seconds(maxLagNanos) + "); waiting for it to catch up");
        } else if (now - lastWaitLog >= REPEAT_NANOS) {
            lastWaitLog = now;
            log.accept(paused + " still paused after " + seconds(now - waitingSince) + ": replica " + worst.replica()
                    + " is " + behind(worst) + " (limit " + seconds(maxLagNanos) + ")");
        }
        return false;
    }

    private void reportReachability(List<ReplicaLag> lags) {
        for (ReplicaLag lag : lags) {
            if (!lag.reachable() && !unreachable.containsKey(lag.replica())) {
                unreachable.put(lag.replica(), lag.problem());
                log.accept("cannot check the lag of replica " + lag.replica() + " (" + lag.problem() + "); not "
                        + "waiting for it, " + paused + " goes on");
            } else if (lag.reachable() && unreachable.remove(lag.replica()) != null) {
                log.accept("replica " + lag.replica() + " answers again; its lag counts again");
            }
        }
    }

    private static String behind(ReplicaLag lag) {
        return seconds(lag.lag().toNanos()) + " behind its primary"
                + (lag.transactions() > 0 ? " (" + lag.transactions() + " transactions)" : "");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
    }
}
