package io.shardgate.proxy.server;

import io.shardgate.proxy.auth.HandshakePhase;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.PacketReader;
import io.shardgate.proxy.codec.PacketWriter;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.command.CommandContext;
import io.shardgate.proxy.command.CommandDispatcher;
import io.shardgate.proxy.passthrough.PassThrough;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.session.ClientSession;
import io.shardgate.proxy.session.ProxyContext;
import io.shardgate.proxy.session.TlsStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client, on its own thread: handshake, then commands until the client quits, goes idle too long, breaks the
 * protocol or the server shuts down. Whatever happens here ends this connection only. On shutdown a connection
 * waiting for a command is closed at once; one running a statement finishes it and then closes.
 *
 * <p>For a plain (non-TLS) connection an event loop reads the commands ({@link LoopedClient}) and answers the reads
 * it can pass through; the others come to this thread, which runs them through the engine and writes their answers. This object keeps the two in step: the commands read but
 * not started, and whether one is running, on either side.
 */
final class ClientConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final Socket socket;
    private final int id;
    private final ProxyContext context;
    private final ServerSettings settings;
    private final HandshakePhase handshake;
    private final CommandDispatcher dispatcher;
    private final Consumer<ClientConnection> onExit;
    private final Object lock = new Object();
    private boolean busy;
    private boolean closing;
    /** {@link System#nanoTime()} by which the client must have sent something; see {@link ConnectionWatchdog}. */
    private volatile long deadline = Long.MAX_VALUE;
    private volatile boolean timedOut;
    /** The event loop that reads this connection's commands once it is authenticated (unless it runs TLS). */
    private final LoopSlot loopSlot;
    /** Commands (or a protocol error) read by the loop and not yet started; guarded by {@link #lock}. */
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    /** Commands handed to this thread, and {@link #CLOSED}. */
    private final LinkedBlockingQueue<Object> work = new LinkedBlockingQueue<>();
    /** Set with a command handed over inside a transaction: this thread reads the socket until it ends. */
    private volatile boolean threadReads;
    private static final Object CLOSED = new Object();
    private volatile boolean looped;
    private ClientSession session;
    /** This thread's writer on a looped connection; holds a selector once a write had to wait. */
    private ChannelOutputStream replyOut;

    ClientConnection(Socket socket, int id, ProxyContext context, ServerSettings settings, HandshakePhase handshake,
                     CommandDispatcher dispatcher, LoopSlot loopSlot, Consumer<ClientConnection> onExit) {
        this.loopSlot = loopSlot;
        this.socket = socket;
        this.id = id;
        this.context = context;
        this.settings = settings;
        this.handshake = handshake;
        this.dispatcher = dispatcher;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        ClientSession session = null;
        PacketChannel channel = null;
        try {
            socket.setTcpNoDelay(true);
            deadline = deadlineAfter(settings.handshakeTimeout().toNanos());
            ClientTransport transport = new ClientTransport(socket, settings.tls().context(), settings.maxPacket());
            channel = transport.channel();
            String host = socket.getInetAddress().getHostAddress();
            Optional<HandshakePhase.Client> client = handshake.run(transport, id, host);
            if (client.isEmpty()) {
                return;
            }
            HandshakePhase.Client c = client.get();
            TlsStatus tls = transport.tlsSession().map(t -> new TlsStatus(t.getProtocol(), t.getCipherSuite()))
                    .orElse(TlsStatus.NONE);
            session = new ClientSession(context, id, c.user(), host, c.database(), tls);
            session.setMultiStatements(c.multiStatements());
            this.session = session;
            LOG.debug("connection {}: {}@{} authenticated{}", id, c.user(), host,
                    tls == TlsStatus.NONE ? "" : " over " + tls.version());
            if (tls == TlsStatus.NONE) {
                channel = replyChannel(socket.getChannel());
                loopedCommands(transport.readAhead(), channel, session);
            } else {
                commandLoop(channel, new CommandContext(session, channel), session);
            }
        } catch (ProtocolException e) {
            LOG.info("connection {}: protocol error, closing: {}", id, e.getMessage());
            sendQuietly(channel, new ErrPacket(e.errorCode(), e.sqlState(), e.getMessage()));
        } catch (SSLException e) {
            LOG.info("connection {}: TLS error, closing: {}", id, e.getMessage());
        } catch (IOException e) {
            if (timedOut) {
                LOG.debug("connection {}: timed out, closed", id);
            } else {
                LOG.debug("connection {}: closed: {}", id, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("connection {}: internal error, closing", id, e);
        } finally {
            if (session != null) {
                try {
                    session.close();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("connection {}: rolling back on close failed: {}", id, e.toString());
                }
            }
            closeSocket();
            closeQuietly(replyOut);
            onExit.accept(this);
        }
    }

    private void closeQuietly(ChannelOutputStream out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("connection {}: closing its reply stream failed: {}", id, e.toString());
        }
    }

    private void commandLoop(PacketChannel channel, CommandContext commands, ClientSession session)
            throws IOException {
        while (!commands.quit()) {
            deadline = deadlineAfter(TimeUnit.MILLISECONDS.toNanos(session.idleTimeoutMillis()));
            byte[] packet = channel.readCommand();
            deadline = Long.MAX_VALUE;
            if (packet == null || !beginCommand()) {
                return;
            }
            try {
                dispatcher.dispatch(packet, commands);
            } finally {
                endCommand();
            }
        }
    }

    /** Answers written by this thread while the loop owns the socket in non-blocking mode. */
    private PacketChannel replyChannel(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        replyOut = new ChannelOutputStream(channel);
        return new PacketChannel(new PacketReader(InputStream.nullInputStream(), 1),
                new PacketWriter(new BufferedOutputStream(replyOut, REPLY_BUFFER)));
    }

    private static final int REPLY_BUFFER = 16 * 1024;

    /** The commands the loop hands over, each run through the engine, until the client quits or is gone. */
    private void loopedCommands(byte[] readAhead, PacketChannel channel, ClientSession session) throws IOException {
        CommandContext commands = new CommandContext(session, channel);
        synchronized (lock) {
            looped = true;
            deadline = deadlineAfter(TimeUnit.MILLISECONDS.toNanos(session.idleTimeoutMillis()));
        }
        LoopedClient looped = new LoopedClient(loopSlot.loop(), socket.getChannel(), this, session,
                loopSlot.passThrough(), settings.maxPacket());
        looped.start(readAhead);
        try {
            while (true) {
                Object item;
                try {
                    item = work.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (item != null) {
                    if (item == CLOSED) {
                        return;
                    }
                    if (item instanceof ProtocolException e) {
                        throw e;
                    }
                    byte[] packet = (byte[]) item;
                    channel.commandArrived(packet.length);
                    dispatcher.dispatch(packet, commands);
                    if (commands.quit()) {
                        return;
                    }
                    item = following(looped, session);
                }
            }
        } finally {
            looped.closeThreadSide();
        }
    }

    /**
     * After a command: the next one to run on this thread, or null when the loop takes over. Inside a transaction
     * this thread keeps reading; outside, a command the client already sent goes back to the loop, which may pass
     * it through, and the loop reads again.
     */
    private Object following(LoopedClient looped, ClientSession session) throws IOException {
        Object next = next();
        boolean inTransaction = session.engine().inTransaction();
        if (next == null) {
            if (threadReads && inTransaction) {
                return looped.readOnThread();
            }
        } else if (inTransaction || !(next instanceof byte[] command) || !PassThrough.mayTake(command)) {
            return next;
        }
        if (threadReads) {
            threadReads = false;
            looped.resumeReading();
        }
        if (next != null) {
            looped.takeBack(next); // the client sent it while this thread was finishing
        }
        return null;
    }

    /** The loop read a command (or a protocol error): the one to start now, or null while another runs. */
    Object offer(Object item) {
        synchronized (lock) {
            inbox.add(item);
            return takeLocked();
        }
    }

    /** The running command is answered: the next one to start, or null, and the connection idles. */
    Object next() {
        synchronized (lock) {
            busy = false;
            if (closing) {
                closeSocket();
                return null;
            }
            Object next = takeLocked();
            if (next == null) {
                deadline = deadlineAfter(TimeUnit.MILLISECONDS.toNanos(session.idleTimeoutMillis()));
            }
            return next;
        }
    }

    private Object takeLocked() {
        if (busy || closing || inbox.isEmpty()) {
            return null;
        }
        busy = true;
        deadline = Long.MAX_VALUE;
        return inbox.poll();
    }

    /**
     * A command for this thread, which runs it through the engine.
     *
     * @param reads the loop stopped reading the socket: this thread reads until the transaction ends
     */
    void handToThread(Object item, boolean reads) {
        if (reads) {
            threadReads = true;
        }
        work.add(item);
    }

    /** The loop saw the client close, or could not write to it. */
    void clientGone() {
        closeSocket();
    }

    private boolean beginCommand() {
        synchronized (lock) {
            if (closing) {
                return false;
            }
            busy = true;
            return true;
        }
    }

    private void endCommand() {
        synchronized (lock) {
            busy = false;
            if (closing) {
                closeSocket();
            }
        }
    }

    /** Asks the connection to end: now if it waits for a command, after its statement if it runs one. */
    void shutdown() {
        synchronized (lock) {
            closing = true;
            if (!busy) {
                closeSocket();
            }
        }
    }

    /** No deadline for waits beyond 2^60 ns (36 years), which also keeps the sum from overflowing. */
    private static long deadlineAfter(long nanos) {
        return nanos >= 1L << 60 ? Long.MAX_VALUE : System.nanoTime() + nanos;
    }

    /** Closes the connection when it waited for the client past its deadline (handshake or idle timeout). */
    void closeIfExpired(long nanoTime) {
        long due = deadline;
        if (due != Long.MAX_VALUE && nanoTime - due > 0) {
            timedOut = true;
            closeSocket();
        }
    }

    /** Ends the connection even mid-statement (shutdown grace expired). */
    void forceClose() {
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("connection {}: close failed: {}", id, e.toString());
        }
        if (looped) {
            work.add(CLOSED);
        }
    }

    private void sendQuietly(PacketChannel channel, ErrPacket error) {
        if (channel == null) {
            return;
        }
        try {
            channel.write(error.encode());
            channel.flush();
        } catch (IOException e) {
            LOG.debug("connection {}: could not report the error: {}", id, e.toString());
        }
    }

    @Override
    public String toString() {
        return "connection " + id;
    }
}
