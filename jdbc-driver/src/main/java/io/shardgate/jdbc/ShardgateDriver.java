package io.shardgate.jdbc;


import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:shardgate:} driver. URLs name a configuration: {@code jdbc:shardgate:/abs/path/shardgate.yaml}
 * or {@code jdbc:shardgate:classpath:shardgate.yaml}. The first connection to a configuration starts its engine
 * (pools, executor); later connections share it until {@link #closeEngine(String)}. User and password properties
 * are not used: each endpoint's credentials are in the configuration.
 */
public final class ShardgateDriver implements Driver {
    static final int MAJOR_VERSION = 0;
    static final int MINOR_VERSION = 1;

    static {
        try {
            DriverManager.registerDriver(new ShardgateDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // DriverManager asks every driver; another one may take this URL
        }
        return new ShardgateConnection(SharedEngines.forUrl(url), url);
    }

    /** Shuts down the engine started for {@code url} (its pools and threads), if any. */
    public static void closeEngine(String url) throws SQLException {
        SharedEngines.close(url);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(SharedEngines.PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Unsupported.method("Driver.getParentLogger");
    }
}
