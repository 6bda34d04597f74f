package io.shardgate.jdbc;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.engine.SqlErrors;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for programmatic use, owning its own engine: started by the first
 * {@link #getConnection()}, stopped by {@link #close()}. Credentials are per endpoint in the configuration, so
 * {@link #getConnection(String, String)} ignores its arguments.
 */
public final class ShardgateDataSource implements DataSource, AutoCloseable {
    private final Supplier<ShardgateConfig> config;
    private ShardgateEngine engine;
    private PrintWriter logWriter;
    private int loginTimeout;

    public ShardgateDataSource(Path configFile) {
        this.config = () -> ConfigLoader.load(configFile);
    }

    public ShardgateDataSource(ShardgateConfig config) {
        this.config = () -> config;
    }

    /** The engine, started on first use; the proxy and tools can run sessions on it directly. */
    public synchronized ShardgateEngine engine() throws SQLException {
        if (engine == null) {
            try {
                engine = new ShardgateEngine(config.get(), "driver");
            } catch (RuntimeException e) {
                throw SqlErrors.startFailure(e);
            }
        }
        return engine;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return new ShardgateConnection(engine(), null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** Closes the engine's pools and threads; connections still open fail from then on. */
    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Unsupported.method("DataSource.getParentLogger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
