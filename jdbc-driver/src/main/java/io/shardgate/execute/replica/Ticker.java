package io.shardgate.execute.replica;

/**
 * A source of nanosecond time for replica health, lag and read-your-writes windows, so tests can move time by
 * hand instead of sleeping (as Caffeine's {@code Ticker}).
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences between readings mean anything. */
    long read();

    static Ticker system() {
        return System::nanoTime;
    }
}
