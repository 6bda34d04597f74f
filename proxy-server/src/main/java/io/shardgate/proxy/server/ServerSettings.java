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
 */
public record ServerSettings(String bind, int port, int maxConnections, Duration idleTimeout,
                             Duration handshakeTimeout, Duration shutdownGrace, int maxPacket, String schema,
                             String serverVersion, UserStore users, TlsSettings tls, RsaKeyPair rsaKey) {

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
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
    }

    /**
     * Loopback, port 3307, 1000 clients, 8 hours idle (MySQL's wait_timeout), 64 MB packets, root without password,
     * no TLS, an RSA key generated when first needed.
     */
    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", DEFAULT_PORT, 1000, Duration.ofHours(8), Duration.ofSeconds(10),
                Duration.ofSeconds(30), DEFAULT_MAX_PACKET, ProxyContext.DEFAULT_SCHEMA,
                ProxyContext.DEFAULT_VERSION, UserStore.rootWithoutPassword(), TlsSettings.DISABLED,
                RsaKeyPair.generatedOnFirstUse());
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(bind, newPort, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey);
    }

    public ServerSettings withBind(String newBind) {
        return new ServerSettings(newBind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey);
    }

    public ServerSettings withUsers(UserStore newUsers) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, newUsers, tls, rsaKey);
    }

    public ServerSettings withLimits(int newMaxConnections, Duration newIdleTimeout, int newMaxPacket) {
        return new ServerSettings(bind, port, newMaxConnections, newIdleTimeout, handshakeTimeout, shutdownGrace,
                newMaxPacket, schema, serverVersion, users, tls, rsaKey);
    }

    public ServerSettings withSchema(String newSchema) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, newSchema, serverVersion, users, tls, rsaKey);
    }

    public ServerSettings withTls(TlsSettings newTls) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, newTls, rsaKey);
    }

    public ServerSettings withRsaKey(RsaKeyPair newRsaKey) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, handshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, newRsaKey);
    }

    public ServerSettings withHandshakeTimeout(Duration newHandshakeTimeout) {
        return new ServerSettings(bind, port, maxConnections, idleTimeout, newHandshakeTimeout, shutdownGrace,
                maxPacket, schema, serverVersion, users, tls, rsaKey);
    }
}
