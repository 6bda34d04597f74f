package io.shardgate.reshard.copy;

import java.util.function.LongSupplier;

/**
 * Keeps a row rate at or below a maximum by sleeping: after {@code n} rows in total the work may not be ahead of
 * {@code n / maxPerSecond} seconds since the first call. Time comes from an injected nano clock and sleeper so the
 * arithmetic is tested without waiting.
 */
public final class Throttle {
    /** Sleeps for the given nanoseconds; interruptible. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long maxPerSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long startNanos = -1;
    private long rows;

    public Throttle(long maxPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this.maxPerSecond = maxPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** No limit. */
    public static Throttle unlimited() {
        return new Throttle(0, System::nanoTime, nanos -> { });
    }

    public static Throttle perSecond(long maxPerSecond) {
        return new Throttle(maxPerSecond, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Accounts for {@code count} more rows and sleeps until the rate allows them. */
    public void pass(long count) throws InterruptedException {
        if (maxPerSecond <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
        }
        rows += count;
        long due = startNanos + (long) (rows * 1_000_000_000.0 / maxPerSecond);
        if (due > now) {
            sleeper.sleepNanos(due - now);
        }
    }
}
