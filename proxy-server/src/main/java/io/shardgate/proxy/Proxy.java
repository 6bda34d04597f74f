package io.shardgate.proxy;

import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.auth.UserStore;
import io.shardgate.proxy.config.EmbeddedDefault;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.proxy.server.ProxyServer;
import io.shardgate.proxy.server.ServerSettings;

import java.io.IOException;
import java.net.InetAddress;
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
                .withUsers(users != null ? users : UserStore.rootWithoutPassword());
        ShardgateEngine engine = new ShardgateEngine(config);
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

    public int port() {
        return server.port();
    }

    public ShardgateEngine engine() {
        return engine;
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
