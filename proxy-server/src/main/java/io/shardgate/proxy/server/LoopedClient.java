package io.shardgate.proxy.server;

import io.shardgate.proxy.codec.PacketAssembler;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.passthrough.ClientSide;
import io.shardgate.proxy.passthrough.PassThrough;
import io.shardgate.proxy.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The event-loop side of a client connection: reads its commands without a thread waiting on the socket, answers
 * those the pass-through can take right here, and hands every other command to the connection's own thread
 * ({@link ClientConnection}), which runs it through the engine and writes the answer itself. One command at a time,
 * in order: the connection tracks which side holds the current one.
 *
 * <p>Inside a transaction every command goes to the engine, so there the thread reads the socket itself
 * ({@link #readOnThread}) until the transaction ends and it hands reading back ({@link #resumeReading}): a hop
 * through the loop per statement would cost a wake-up more each.
 */
final class LoopedClient implements EventLoop.Handler, ClientSide {
    private static final Logger LOG = LoggerFactory.getLogger(LoopedClient.class);
    private static final int BUFFER = 16 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ClientConnection connection;
    private final ClientSession session;
    private final PassThrough passThrough;
    private final PacketAssembler assembler;
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER);
    /** Pass-through output not yet taken by the socket, in write mode. */
    private ByteBuffer out = ByteBuffer.allocate(BUFFER);
    private Runnable whenDrained;
    /** A command for the connection's thread, waiting until the pass-through's output has gone out before it. */
    private Object handOffWhenDrained;
    private SelectionKey key;
    private boolean ended;
    /** The thread's own buffer and wait, for reading during a transaction. */
    private ByteBuffer threadIn;
    private final ChannelWait threadReadable;

    LoopedClient(EventLoop loop, SocketChannel channel, ClientConnection connection, ClientSession session,
                 PassThrough passThrough, int maxPacket) {
        this.loop = loop;
        this.channel = channel;
        this.connection = connection;
        this.session = session;
        this.passThrough = passThrough;
        this.assembler = new PacketAssembler(maxPacket);
        this.threadReadable = new ChannelWait(channel, SelectionKey.OP_READ);
    }

    /** Joins the loop (on the loop thread) with what the handshake's read buffer already held. */
    void start(byte[] readAhead) {
        loop.execute(() -> {
            try {
                key = loop.register(channel, SelectionKey.OP_READ, this);
                if (readAhead.length > 0) {
                    arrive(ByteBuffer.wrap(readAhead));
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        });
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (key.isWritable()) {
            drain();
        }
        if (key.isValid() && key.isReadable()) {
            in.clear();
            if (channel.read(in) < 0) {
                if (assembler.inPacket()) {
                    LOG.debug("{}: closed inside a packet", connection);
                }
                end();
                return;
            }
            in.flip();
            arrive(in);
        }
    }

    private void arrive(ByteBuffer bytes) {
        try {
            assembler.feed(bytes, this::offer);
        } catch (ProtocolException e) {
            key.interestOps(0); // the stream is out of step: nothing after this can be read
            offer(e);
        }
    }

    private void offer(Object item) {
        run(connection.offer(item));
    }

    /**
     * A command the connection's thread found waiting when it finished the previous one: back to the loop, where
     * the pass-through may take it.
     */
    void takeBack(Object item) {
        loop.execute(() -> run(item));
    }

    /** Starts a command the connection let this side take: pass-through, or the connection's thread. */
    private void run(Object item) {
        if (item == null || ended) {
            return;
        }
        if (item instanceof byte[] command && passThrough.tryStart(command, session, this)) {
            return;
        }
        handToThread(item);
    }

    /** The thread writes to the socket itself, so what the pass-through queued must be out first. */
    private void handToThread(Object item) {
        if (out.position() == 0) {
            startThread(item);
            return;
        }
        handOffWhenDrained = item;
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }

    /** Inside a transaction the thread takes the reading over with the command (the connection is idle now). */
    private void startThread(Object item) {
        boolean inTransaction = session.engine().inTransaction();
        if (inTransaction && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
        connection.handToThread(item, inTransaction);
    }

    /** The thread's transaction ended: the loop reads again. Tasks run in order, so a take-back after this works. */
    void resumeReading() {
        loop.execute(() -> {
            if (!ended && key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            }
        });
    }

    /**
     * On the connection's thread while it owns reading: waits for the next command and starts it (further ones
     * queue in the connection). Returns what the connection started: a command, or the protocol error that ends it.
     *
     * @throws IOException when the client closed the connection or it was closed (idle timeout, shutdown)
     */
    Object readOnThread() throws IOException {
        if (threadIn == null) {
            threadIn = ByteBuffer.allocate(BUFFER);
        }
        Object[] started = new Object[1];
        while (true) {
            threadIn.clear();
            int n = channel.read(threadIn);
            if (n < 0) {
                throw new EOFException("the client closed the connection");
            }
            if (n == 0) {
                threadReadable.await();
                continue;
            }
            threadIn.flip();
            try {
                assembler.feed(threadIn, item -> started[0] = first(started[0], connection.offer(item)));
            } catch (ProtocolException e) {
                started[0] = first(started[0], connection.offer(e));
            }
            if (started[0] != null) {
                return started[0];
            }
        }
    }

    private static Object first(Object earlier, Object now) {
        return earlier != null ? earlier : now;
    }

    /** Closes what the thread opened for reading; on the connection's thread as it ends. */
    void closeThreadSide() throws IOException {
        threadReadable.close();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (ended) {
            return;
        }
        if (out.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + length));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        out.put(bytes, offset, length);
    }

    @Override
    public boolean flush(Runnable drained) {
        if (ended || out.position() == 0) {
            return true;
        }
        try {
            out.flip();
            channel.write(out);
            out.compact();
        } catch (IOException e) {
            LOG.debug("{}: writing failed: {}", connection, e.toString());
            end();
            return true;
        }
        if (out.position() == 0) {
            if (out.capacity() > BUFFER) {
                out = ByteBuffer.allocate(BUFFER);
            }
            return true;
        }
        whenDrained = drained;
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        return false;
    }

    private void drain() {
        Runnable waiting = whenDrained;
        if (flush(waiting)) {
            if (key.isValid()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            whenDrained = null;
            if (waiting != null) {
                waiting.run();
            }
            Object handOff = handOffWhenDrained;
            handOffWhenDrained = null;
            if (handOff != null && !ended) {
                startThread(handOff);
            }
        }
    }

    @Override
    public void finished() {
        if (!ended) {
            run(connection.next());
        }
    }

    @Override
    public void fallBack(byte[] command) {
        if (!ended) {
            handToThread(command);
        }
    }

    @Override
    public void failed(Exception e) {
        LOG.debug("{}: {}", connection, e.toString());
        end();
    }

    /** The client is gone (or unusable): the connection's thread ends the session. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (key != null) {
            key.cancel();
        }
        connection.clientGone();
    }
}
