package io.shardgate.reshard.cutover;

import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.stream.ChangeStream;
import io.shardgate.reshard.stream.GtidPosition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a change stream on its own thread during a switch: first until it has caught up, then on until the switch
 * asks it to apply exactly up to the positions read while writes were held; there it saves its positions and
 * ends.
 */
final class StreamDriver implements AutoCloseable {
    private static final long CAUGHT_UP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean caughtUp;
    private volatile boolean stop;
    private volatile Map<String, GtidPosition> drainTarget;
    private volatile Throwable failure;
    private long lastCheck;

    private StreamDriver(ChangeStream stream) {
        this.thread = new Thread(() -> {
            try {
                stream.run(this::reached);
            } catch (Throwable e) {
                failure = e;
            } finally {
                ended.countDown();
            }
        }, "shardgate-reshard-stream");
        thread.setDaemon(true);
    }

    static StreamDriver start(ChangeStream stream) {
        StreamDriver driver = new StreamDriver(stream);
        driver.thread.start();
        return driver;
    }

    private boolean reached(ChangeStream.Progress progress) throws SQLException {
        if (stop) {
            return true;
        }
        Map<String, GtidPosition> target = drainTarget;
        if (target != null) {
            return includes(progress.applied(), target);
        }
        long now = System.nanoTime();
        if (!caughtUp && progress.idle() && now - lastCheck > CAUGHT_UP_CHECK_NANOS) {
            lastCheck = now;
            caughtUp = progress.caughtUp();
        }
        return false;
    }

    private static boolean includes(Map<String, GtidPosition> applied, Map<String, GtidPosition> target) {
        for (Map.Entry<String, GtidPosition> entry : target.entrySet()) {
            GtidPosition position = applied.get(entry.getKey());
            if (position == null || !position.includes(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the stream has applied every source's binlog position as it was at some moment.
     *
     * @throws ReshardException (not possible) when it is still behind after {@code timeout}
     */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp) {
            rethrowFailure();
            if (ended.getCount() == 0 || System.nanoTime() > deadline) {
                throw ReshardException.notPossible("the change stream has not caught up within " + timeout.toSeconds()
                        + " s; run start until status shows a small lag, then cutover again");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Applies up to {@code target} (per source data source), saves the positions and ends the stream. Returns false
     * when that did not happen within {@code timeout}; the stream keeps running until {@link #close()}.
     */
    boolean drainTo(Map<String, GtidPosition> target, Duration timeout) throws InterruptedException {
        drainTarget = Map.copyOf(target);
        boolean done = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        rethrowFailure();
        return done;
    }

    private void rethrowFailure() {
        Throwable e = failure;
        if (e instanceof ReshardException r) {
            throw r;
        }
        if (e != null) {
            throw ReshardException.failed("change stream failed: " + e, e);
        }
    }

    /** Stops the stream (it saves its positions) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        stop = true;
        ended.await(60, TimeUnit.SECONDS);
    }
}
