package io.shardgate.reshard.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a stop request: the shutdown hook asks the work to stop and waits (bounded) until it
 * has saved its checkpoint, so an interrupted {@code start} resumes exactly where it stopped.
 */
final class StopSignal {
    private static final long GRACE_SECONDS = 20;

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "shardgate-reshard-stop");

    static StopSignal install() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    boolean requested() {
        return requested;
    }

    /** The work is over: the hook may let the JVM exit, and is no longer needed. */
    void finished() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it returns now that the latch is open
        }
    }

    private void onSignal() {
        requested = true;
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
