package io.shardgate.proxy.server;

import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.auth.HandshakePhase;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.PacketReader;
import io.shardgate.proxy.codec.PacketWriter;
import io.shardgate.proxy.command.CommandDispatcher;
import io.shardgate.proxy.passthrough.PassThrough;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.session.ProxyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listening side: accepts clients and gives each a thread of its own for the handshake and for the commands
 * that run through the engine (which block on the shards). After the handshake, event loops read the commands of
 * plain connections and pass single-shard reads through to the shards without involving that thread
 * ({@link LoopedClient}); a TLS connection's thread reads its commands itself. The engine is shared, not owned:
 * whoever created it closes it after {@link #close()}.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /** ER_CON_COUNT_ERROR. */
    static final int TOO_MANY_CONNECTIONS = 1040;

    private final ServerSettings settings;
    private final ProxyContext context;
    private final HandshakePhase handshake;
    private final CommandDispatcher dispatcher = new CommandDispatcher();
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextConnectionId = new AtomicInteger();
    private final Object lifecycle = new Object();
    /** How late a handshake or idle timeout may fire. */
    private static final Duration WATCHDOG_TICK = Duration.ofMillis(100);

    private final List<LoopSlot> loops = new ArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicLong passedThrough = new AtomicLong();
    private ExecutorService backendConnector;

    private ServerSocketChannel serverChannel;
    private ConnectionWatchdog watchdog;
    private Thread acceptor;
    private boolean stopped;

    public ProxyServer(ShardgateEngine engine, ServerSettings settings) {
        this.settings = settings;
        this.context = ProxyContext.of(engine, settings.schema(), settings.serverVersion(), settings.maxPacket(),
                settings.idleTimeout());
        this.handshake = new HandshakePhase(settings.serverVersion(), settings.users(), settings.rsaKey(),
                settings.tls().required(), context::isSchema, context.status(true, false));
    }

    /** Binds and starts accepting; returns once the port is open. */
    public ProxyServer start() throws IOException {
        synchronized (lifecycle) {
            if (serverChannel != null) {
                throw new IllegalStateException("already started");
            }
            // Channels, not plain server sockets: their accepted sockets read in blocking mode (ConnectionWatchdog).
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 128);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            serverChannel = channel;
            startLoops();
            watchdog = new ConnectionWatchdog(connections, WATCHDOG_TICK);
            acceptor = new Thread(this::acceptLoop, "shardgate-acceptor");
            acceptor.start();
        }
        LOG.info("Shardgate proxy listening on {}:{} (schema {}, tables {}, TLS {}{})", settings.bind(), port(),
                settings.schema(), context.tables(), settings.tls().description(),
                settings.tls().required() ? ", required" : "");
        return this;
    }

    /**
     * The event loops that read every plain connection's commands, each with its pass-through (which finds nothing
     * to do where no shard is a MariaDB/MySQL server, e.g. the embedded H2 demo).
     */
    private void startLoops() throws IOException {
        backendConnector = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "shardgate-backend-connect");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < settings.ioThreads(); i++) {
            EventLoop loop = new EventLoop("shardgate-loop-" + i);
            loops.add(new LoopSlot(loop, new PassThrough(loop, backendConnector, BACKEND_CONNECT_TIMEOUT,
                    passedThrough)));
        }
    }

    private static final Duration BACKEND_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Commands answered by pass-through since the start (monitoring, tests). */
    public long passedThrough() {
        return passedThrough.get();
    }

    /** The port listened on (the chosen one when the settings asked for 0). */
    public int port() {
        return serverChannel.socket().getLocalPort();
    }

    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                SocketChannel accepted = serverChannel.accept();
                socket = accepted.socket();
            } catch (IOException e) {
                if (serverChannel.isOpen()) {
                    LOG.error("accept failed; no longer accepting connections", e);
                }
                return;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        int id = nextConnectionId.incrementAndGet();
        LoopSlot loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        ClientConnection connection = new ClientConnection(socket, id, context, settings, handshake, dispatcher,
                loop, this::leave);
        synchronized (lifecycle) {
            if (stopped || connections.size() >= settings.maxConnections()) {
                refuse(socket, stopped ? "Server shutdown in progress" : "Too many connections");
                return;
            }
            connections.add(connection);
        }
        Thread thread = new Thread(connection, "shardgate-client-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    /** Sent in place of the greeting, as MySQL does, so the client shows a reason instead of a reset. */
    private void refuse(Socket socket, String message) {
        try (socket) {
            PacketChannel channel = new PacketChannel(new PacketReader(socket.getInputStream(), 1024),
                    new PacketWriter(socket.getOutputStream()));
            channel.resetSequence();
            channel.write(new ErrPacket(TOO_MANY_CONNECTIONS, "08004", message).encode());
            channel.flush();
        } catch (IOException e) {
            LOG.debug("refusing a connection failed: {}", e.toString());
        }
        LOG.warn("refused a connection: {}", message);
    }

    private void leave(ClientConnection connection) {
        synchronized (lifecycle) {
            connections.remove(connection);
            lifecycle.notifyAll();
        }
    }

    /**
     * Graceful stop: no new connections, idle ones closed at once, running statements given
     * {@link ServerSettings#shutdownGrace()} to finish, then the rest closed. Idempotent.
     */
    @Override
    public void close() {
        List<ClientConnection> running;
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = new ArrayList<>(connections);
        }
        try {
            if (serverChannel != null) {
                serverChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the listening socket failed: {}", e.toString());
        }
        running.forEach(ClientConnection::shutdown);
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        synchronized (lifecycle) {
            while (!connections.isEmpty()) {
                long wait = (deadline - System.nanoTime()) / 1_000_000;
                if (wait <= 0) {
                    break;
                }
                try {
                    lifecycle.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            running = new ArrayList<>(connections);
        }
        if (!running.isEmpty()) {
            LOG.warn("{} connection(s) still running a statement after {}; closing them", running.size(),
                    settings.shutdownGrace());
            running.forEach(ClientConnection::forceClose);
        }
        joinAcceptor();
        if (watchdog != null) {
            watchdog.close();
        }
        for (LoopSlot slot : loops) {
            slot.loop().execute(slot.passThrough()::close);
            slot.loop().close();
        }
        if (backendConnector != null) {
            backendConnector.shutdownNow();
        }
        LOG.info("Shardgate proxy stopped");
    }

    private void joinAcceptor() {
        if (acceptor == null) {
            return;
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
