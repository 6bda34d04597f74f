package io.shardgate.proxy.server;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the handshake and idle timeouts by closing the sockets of connections past their deadline, instead of
 * giving every socket a read timeout.
 *
 * <p>Why not {@code SO_TIMEOUT}: a timed read on a Java socket is a non-blocking {@code read}, a {@code poll} and
 * a second {@code read}, three system calls where a blocking read takes one, on every command of every client.
 * Here a client's wait for its next command costs one blocking read, and the deadlines are checked on one thread
 * every {@code tick}, so a timeout fires up to one tick late.
 */
final class ConnectionWatchdog implements AutoCloseable {
    private final Collection<ClientConnection> connections;
    private final ScheduledExecutorService timer;

    ConnectionWatchdog(Collection<ClientConnection> connections, Duration tick) {
        this.connections = connections;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-connection-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = tick.toMillis();
        timer.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeExpired() {
        long now = System.nanoTime();
        for (ClientConnection connection : connections) {
            connection.closeIfExpired(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
