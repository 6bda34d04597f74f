package io.shardgate.proxy;

import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.auth.RsaKeyPair;
import io.shardgate.proxy.auth.UserStore;
import io.shardgate.proxy.config.EmbeddedDefault;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.proxy.server.ProxyServer;
import io.shardgate.proxy.server.ServerSettings;
import io.shardgate.proxy.tls.TlsSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;

/**
 * A running proxy: the engine built from the configuration and the server in front of it. Closing stops the
 * server first (running statements finish) and then the engine (its pools and executor).
 */
public final class Proxy implements AutoCloseable {
    private final ShardgateEngine engine;
    private final ProxyServer server;

    private Proxy(ShardgateEngine engine, ProxyServer server) {
        this.engine = engine;
        this.server = server;
    }

    public static Proxy start(ProxyOptions options) throws IOException, SQLException {
        UserStore users = options.users() != null ? UserStore.load(options.users()) : null;
        if (users == null && !InetAddress.getByName(options.bind()).isLoopbackAddress()) {
            throw new IllegalArgumentException("listening on " + options.bind() + " needs --users: the default "
                    + "account is root without a password, which is allowed on a loopback address only");
        }
        ShardgateConfig config = options.config() != null ? io.shardgate.config.ConfigLoader.load(options.config())
                : EmbeddedDefault.config(options.dataDir());
        ServerSettings settings = ServerSettings.defaults()
                .withBind(options.bind())
                .withPort(options.port())
                .withSchema(options.schema())
                .withLimits(options.maxConnections(), options.idleTimeout(), options.maxPacket())
                .withIoThreads(options.ioThreads())
                .withUsers(users != null ? users : UserStore.rootWithoutPassword())
                .withTls(tls(options.tls()))
                .withRsaKey(options.rsaKey() != null ? rsaKey(options.rsaKey()) : RsaKeyPair.generatedOnFirstUse());
        ShardgateEngine engine = new ShardgateEngine(config, "proxy"); // registers as a router of kind "proxy"
        try {
            if (options.config() == null) {
                EmbeddedDefault.seed(engine);
            }
            return new Proxy(engine, new ProxyServer(engine, settings).start());
        } catch (IOException | SQLException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static TlsSettings tls(ProxyOptions.Tls tls) throws IOException {
        try {
            if (tls.keystore() != null) {
                String password = tls.keystorePassword() != null ? tls.keystorePassword()
                        : System.getenv().getOrDefault("SHARDGATE_TLS_KEYSTORE_PASSWORD", "");
                return TlsSettings.fromKeyStore(tls.keystore(), password.toCharArray(), tls.required());
            }
            return tls.cert() != null ? TlsSettings.fromPem(tls.cert(), tls.key(), tls.required())
                    : TlsSettings.DISABLED;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static RsaKeyPair rsaKey(Path file) throws IOException {
        try {
            return RsaKeyPair.load(file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use --rsa-key: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    public ShardgateEngine engine() {
        return engine;
    }

    /** Commands the server answered by pass-through since it started. */
    public long passedThrough() {
        return server.passedThrough();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            engine.close();
        }
    }
}
