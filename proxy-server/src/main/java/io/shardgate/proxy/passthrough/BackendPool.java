package io.shardgate.proxy.passthrough;

import io.shardgate.proxy.backend.BackendAddress;
import io.shardgate.proxy.backend.BackendConnector;
import io.shardgate.proxy.backend.BackendLink;
import io.shardgate.proxy.server.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * An event loop's pass-through connections, per shard server. Never makes the loop wait: when no connection is
 * idle the caller runs its statement through the engine instead, while a new connection is opened on another
 * thread (connecting and authenticating block) and joins the pool when ready. A server that cannot be reached is
 * left alone for {@link #RETRY_AFTER} before the next attempt. Loop thread only.
 */
final class BackendPool {
    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** utf8mb4_general_ci: what the engine's MariaDB connections use, so strings compare the same either way. */
    static final int COLLATION = 45;

    private static final class Slot {
        final ArrayDeque<BackendConnection> idle = new ArrayDeque<>();
        /** Open and opening connections. */
        int open;
        long retryAt;
        boolean failing;
    }

    private final EventLoop loop;
    private final Executor connector;
    private final Duration connectTimeout;
    private final Map<BackendAddress, Slot> slots = new HashMap<>();
    private boolean closed;

    BackendPool(EventLoop loop, Executor connector, Duration connectTimeout) {
        this.loop = loop;
        this.connector = connector;
        this.connectTimeout = connectTimeout;
    }

    /**
     * An idle connection to the server, or null; with none idle and fewer than {@code limit} open, one is opened
     * in the background for later statements.
     */
    BackendConnection acquire(BackendAddress address, int limit) {
        Slot slot = slots.computeIfAbsent(address, a -> new Slot());
        BackendConnection idle = slot.idle.pollFirst();
        if (idle != null) {
            return idle;
        }
        if (!closed && slot.open < limit && System.nanoTime() - slot.retryAt >= 0) {
            slot.open++;
            connector.execute(() -> open(address, slot));
        }
        return null;
    }

    private void open(BackendAddress address, Slot slot) {
        BackendLink link;
        try {
            link = BackendConnector.connect(address, COLLATION, connectTimeout);
        } catch (IOException | RuntimeException e) {
            loop.execute(() -> failedToOpen(address, slot, e));
            return;
        }
        loop.execute(() -> opened(address, slot, link));
    }

    private void opened(BackendAddress address, Slot slot, BackendLink link) {
        BackendConnection connection = new BackendConnection(address, link.channel(), this);
        if (closed) {
            connection.close();
            return;
        }
        try {
            connection.register(loop);
        } catch (IOException | RuntimeException e) {
            connection.close();
            return;
        }
        if (slot.failing) {
            slot.failing = false;
            LOG.info("pass-through to {} works again", address);
        }
        slot.idle.addFirst(connection);
    }

    private void failedToOpen(BackendAddress address, Slot slot, Exception e) {
        slot.open--;
        slot.retryAt = System.nanoTime() + RETRY_AFTER.toNanos();
        if (!slot.failing) {
            slot.failing = true;
            LOG.warn("pass-through cannot connect to {}; its reads go through the engine's JDBC pool, next attempt "
                    + "in {} s: {}", address, RETRY_AFTER.toSeconds(), e.getMessage());
        }
    }

    /** Back to idle, most recently used first so a few connections stay warm. */
    void release(BackendConnection connection) {
        slots.get(connection.address()).idle.addFirst(connection);
    }

    /** The connection closed: it no longer counts against the limit. */
    void closed(BackendConnection connection) {
        Slot slot = slots.get(connection.address());
        if (slot != null) {
            slot.idle.remove(connection);
            slot.open--;
        }
    }

    /** Closes the idle connections; those carrying a statement close as the loop ends. */
    void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            for (BackendConnection c : slot.idle.toArray(new BackendConnection[0])) {
                c.close();
            }
        }
    }
}
