package io.shardgate.execute.replica;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The log positions one primary had at recent checks. A replica that has applied the position of the check at
 * time t had everything the primary had at t. Samples are kept while a replica reaching them could still count as
 * fresh enough; the newest is always kept.
 */
final class PrimarySamples {
    private record Sample(long at, LogPosition position) {
    }

    /** How far a replica's position reaches: the newest sample it includes, and whether that is the latest. */
    record Reach(long currentAsOf, boolean caughtUp) {
    }

    private final long keepNanos;
    private final Deque<Sample> samples = new ArrayDeque<>(); // oldest first; guarded by this

    PrimarySamples(long keepNanos) {
        this.keepNanos = keepNanos;
    }

    synchronized void add(long at, LogPosition position) {
        samples.addLast(new Sample(at, position));
        while (samples.size() > 1 && at - samples.peekFirst().at > keepNanos) {
            samples.removeFirst();
        }
    }

    /** Where {@code replica} stands against the samples; never current when nothing was sampled or it is unknown. */
    synchronized Reach reach(LogPosition replica) {
        if (replica != null) {
            boolean newest = true;
            for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); newest = false) {
                Sample sample = it.next();
                if (replica.includes(sample.position)) {
                    return new Reach(sample.at, newest);
                }
            }
        }
        return new Reach(ReplicaHealth.NEVER, false);
    }
}
