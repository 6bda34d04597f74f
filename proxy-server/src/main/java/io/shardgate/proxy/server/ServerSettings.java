package io.shardgate.proxy.server;

import io.shardgate.proxy.auth.RsaKeyPair;
import io.shardgate.proxy.auth.UserStore;
import io.shardgate.proxy.session.ProxyContext;
import io.shardgate.proxy.tls.TlsSettings;

import java.time.Duration;

/**
 * How the proxy listens and what it tolerates.
 *
 * @param port             0 picks a free port (tests)
 * @param maxConnections   clients beyond this are refused with ER_CON_COUNT_ERROR
 * @param idleTimeout      a client silent this long between commands is disconnected (wait_timeout)
 * @param handshakeTimeout a client must complete authentication within this
 * @param shutdownGrace    how long shutdown waits for running statements before closing their connections
 * @param maxPacket        the largest payload accepted from a client (max_allowed_packet)
 * @param tls              the certificate clients may switch to TLS with, and whether they must
 * @param rsaKey           caching_sha2_password's key for sending a password without TLS
 * @param ioThreads        event loops reading the clients' commands (and passing single-shard reads through)
 */
public record ServerSettings(String bind, int port, int maxConnections, Duration idleTimeout,
                             Duration handshakeTimeout, Duration shutdownGrace, int maxPacket, String schema,
                             String serverVersion, UserStore users, TlsSettings tls, RsaKeyPair rsaKey,
                             int ioThreads) {

    public static final int DEFAULT_PORT = 3307;
    public static final int DEFAULT_MAX_PACKET = 64 * 1024 * 1024;

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        if (maxPacket < 1024) {
            throw new IllegalArgumentException("maxPacket must be at least 1024 bytes: " + maxPacket);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
    }

    /**
     * Loopback, port 3307, 1000 clients, 8 hours idle (MySQL's wait_timeout), 64 MB packets, root without password,
     * no TLS, an RSA key generated when first needed, an event loop per core.
     */
    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", DEFAULT_PORT, 1000, Duration.ofHours(8), Duration.ofSeconds(10),
                Duration.ofSeconds(30), DEFAULT_MAX_PACKET, ProxyContext.DEFAULT_SCHEMA,
                ProxyContext.DEFAULT_VERSION, UserStore.rootWithoutPassword(), TlsSettings.DISABLED,
                RsaKeyPair.generatedOnFirstUse(), defaultIoThreads());
    }

    /** An event loop per core: each is one thread, and more than the cores only adds switching between them. */
    public static int defaultIoThreads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 16));
    }

    public ServerSettings withIoThreads(int newIoThreads) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey, newIoThreads);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(bind, newPort, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey, ioThreads);
    }

    public ServerSettings withBind(String newBind) {
        return new ServerSettings(newBind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey, ioThreads);
    }

    public ServerSettings withUsers(UserStore newUsers) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, newUsers, tls, rsaKey, ioThreads);
    }

    public ServerSettings withLimits(int newMaxConnections, Duration newIdleTimeout, int newMaxPacket) {
        return new ServerSettings(bind, port, newMaxConnections, newIdleTimeout, handshakeTimeout, shutdownGrace,
                newMaxPacket, schema, serverVersion, users, tls, rsaKey, ioThreads);
    }

    public ServerSettings withSchema(String newSchema) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, newSchema, serverVersion, users, tls, rsaKey, ioThreads);
    }

    public ServerSettings withTls(TlsSettings newTls) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, newTls, rsaKey, ioThreads);
    }

    public ServerSettings withRsaKey(RsaKeyPair newRsaKey) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, newRsaKey, ioThreads);
    }

    public ServerSettings withHandshakeTimeout(Duration newHandshakeTimeout) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, newHandshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey, ioThreads);
    }
}
