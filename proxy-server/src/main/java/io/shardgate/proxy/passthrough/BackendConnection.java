package io.shardgate.proxy.passthrough;

import io.shardgate.proxy.backend.BackendAddress;
import io.shardgate.proxy.server.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One authenticated connection of the pass-through to a shard server, owned by an event loop: idle in its
 * {@link BackendPool}, or carrying one {@link ResultRelay} at a time. Remembers which physical statements it has
 * prepared (server-side statements live per connection), closing the least recently used beyond a limit.
 */
final class BackendConnection implements EventLoop.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);
    /** Prepared statements kept per connection; MariaDB's max_prepared_stmt_count is per server (16382). */
    static final int MAX_STATEMENTS = 256;
    private static final int BUFFER = 64 * 1024;

    /** A statement prepared on this connection. */
    record Prepared(int id, int parameterCount) {
    }

    private final BackendAddress address;
    private final SocketChannel channel;
    private final BackendPool pool;
    private SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(BUFFER);
    private ResultRelay relay;
    private boolean closed;
    private final List<Integer> toClose = new ArrayList<>();
    private final Map<String, Prepared> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
            if (size() > MAX_STATEMENTS) {
                toClose.add(eldest.getValue().id());
                return true;
            }
            return false;
        }
    };

    BackendConnection(BackendAddress address, SocketChannel channel, BackendPool pool) {
        this.address = address;
        this.channel = channel;
        this.pool = pool;
    }

    /** Joins the loop; loop thread only. */
    void register(EventLoop loop) throws IOException {
        channel.configureBlocking(false);
        key = loop.register(channel, SelectionKey.OP_READ, this);
    }

    BackendAddress address() {
        return address;
    }

    Prepared prepared(String sql) {
        return statements.get(sql);
    }

    void remember(String sql, Prepared statement) {
        statements.put(sql, statement);
    }

    /** The buffer replies are read into, in write mode. */
    ByteBuffer in() {
        return in;
    }

    /** Makes room for a packet of {@code needed} bytes (header included) in the read buffer. */
    void reserve(int needed) {
        if (in.capacity() < needed) {
            ByteBuffer bigger = ByteBuffer.allocate(needed);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
    }

    /** After a large result: the buffer goes back to its usual size once it is empty. */
    private void shrink() {
        if (in.capacity() > BUFFER && in.position() == 0) {
            in = ByteBuffer.allocate(BUFFER);
        }
    }

    /**
     * Sends a request (whole packets); statements evicted from the cache are closed first, in the same write.
     * Requests are small and the connection idle, so the socket takes them at once; if it does not, the
     * connection is given up.
     */
    void send(byte[] request) throws IOException {
        ByteBuffer out;
        if (toClose.isEmpty()) {
            out = ByteBuffer.wrap(request);
        } else {
            out = ByteBuffer.allocate(toClose.size() * 9 + request.length);
            for (int id : toClose) {
                out.put(new byte[]{5, 0, 0, 0, 0x19, (byte) id, (byte) (id >>> 8), (byte) (id >>> 16),
                        (byte) (id >>> 24)});
            }
            toClose.clear();
            out.put(request).flip();
        }
        channel.write(out);
        if (out.hasRemaining()) {
            throw new IOException("the shard server did not take a " + request.length + "-byte request");
        }
    }

    /** Reads what has arrived into {@link #in}; false at the end of the stream. */
    boolean read() throws IOException {
        return channel.read(in) >= 0;
    }

    void start(ResultRelay relay) {
        this.relay = relay;
    }

    /** The relay is done and the connection is in step: back to the pool. */
    void release() {
        relay = null;
        shrink();
        pool.release(this);
    }

    /** Stops or resumes reading replies (while the client is slow to take them). */
    void pause(boolean paused) {
        if (key.isValid()) {
            key.interestOps(paused ? 0 : SelectionKey.OP_READ);
        }
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (relay != null) {
            relay.readable();
            return;
        }
        // idle: the server closed the connection (wait_timeout, restart) or broke step; either way it is done
        LOG.debug("pass-through connection to {} ended while idle", address);
        close();
    }

    @Override
    public void failed(Exception e) {
        if (relay != null) {
            relay.backendFailed(e);
        } else {
            close();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the connection and forgets it in the pool. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        relay = null;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a pass-through connection failed: {}", e.toString());
        }
        pool.closed(this);
    }
}
