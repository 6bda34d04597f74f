package io.shardgate.reshard.lag;

import io.shardgate.reshard.stream.GtidPosition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The GTID positions one primary had at recent checks, oldest first, which turn a replica's applied position into
 * a lag in time: a replica that has applied the position the primary had at time t had everything the primary had
 * at t, so it lags by at most {@code now - t}. A position equal to the newest one is not added again: the primary
 * has had it since the newest sample's time. Samples older than the window are dropped, the newest is always kept.
 */
final class PrimaryPositions {
    private record Sample(long at, GtidPosition position) {
    }

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param window how far back samples are kept; a replica missing all of them lags at least this much */
    PrimaryPositions(Duration window) {
        this.windowNanos = window.toNanos();
    }

    void add(long at, GtidPosition position) {
        if (samples.isEmpty() || !samples.peekLast().position().equals(position)) {
            samples.addLast(new Sample(at, position));
        }
        while (samples.size() > 1 && at - samples.peekFirst().at() > windowNanos) {
            samples.removeFirst();
        }
    }

    /**
     * The lag at {@code now} of a replica that has applied {@code applied}: zero when it has the newest sample, else
     * the time since the newest sample it has; when it has none, at least the time since the oldest sample.
     */
    Duration lagOf(GtidPosition applied, long now) {
        if (samples.isEmpty()) {
            return Duration.ZERO;
        }
        boolean newest = true;
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); newest = false) {
            Sample sample = it.next();
            if (applied.includes(sample.position())) {
                return newest ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - sample.at()));
            }
        }
        return Duration.ofNanos(Math.max(0, now - samples.peekFirst().at()));
    }
}
