package io.shardgate.reshard.status;

import io.shardgate.reshard.meta.CopyCheckpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Progress of one source shard's copy, derived from its checkpoint. The total is the information_schema row
 * estimate taken when the copy began (so the fraction can be off by that estimate's error, and is capped at 99%
 * until the copy reports done); the rate is rows scanned in the current run of {@code start} divided by that run's
 * time to its last checkpoint; the ETA is the estimated rows left divided by that rate.
 */
public record CopyProgress(CopyCheckpoint checkpoint) {

    public double fraction() {
        if (checkpoint.done()) {
            return 1.0;
        }
        if (checkpoint.estimatedRows() <= 0) {
            return 0.0;
        }
        return Math.min(0.99, (double) checkpoint.rowsScanned() / checkpoint.estimatedRows());
    }

    /** Rows per second in the current run; empty before its first checkpoint. */
    public OptionalDouble rate() {
        Instant start = checkpoint.runStartedAt();
        Instant last = checkpoint.updatedAt();
        if (start == null || last == null) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        long rows = checkpoint.rowsScanned() - checkpoint.rowsAtRunStart();
        return seconds <= 0 || rows <= 0 ? OptionalDouble.empty() : OptionalDouble.of(rows / seconds);
    }

    /** Remaining time at the current rate; empty when done, unknown, or past the estimate. */
    public java.util.Optional<Duration> eta() {
        OptionalDouble rate = rate();
        long left = checkpoint.estimatedRows() - checkpoint.rowsScanned();
        if (checkpoint.done() || rate.isEmpty() || left <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofMillis((long) (left / rate.getAsDouble() * 1000)));
    }
}
