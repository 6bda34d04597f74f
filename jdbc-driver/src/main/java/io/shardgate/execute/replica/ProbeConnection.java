package io.shardgate.execute.replica;

import io.shardgate.config.EndpointConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;

/**
 * The health checker's own connection to one endpoint, kept between rounds and reopened after any failure. It
 * bypasses the pool so that an exhausted pool never looks like a dead server and checks never count as
 * connections in use.
 */
final class ProbeConnection implements AutoCloseable {
    private final EndpointConfig endpoint;
    private final Duration timeout;
    private Connection connection;

    /** @param timeout how long connecting or one check may take before the endpoint counts as unreachable */
    ProbeConnection(EndpointConfig endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** One check on the endpoint's connection. */
    @FunctionalInterface
    interface Check {
        void on(Connection connection) throws SQLException;
    }

    /**
     * Runs a check, connecting first if needed. A connection kept from an earlier round may have died with a
     * restarted server, so a check failing on one runs once more on a new connection; any failure closes it.
     */
    void run(Check check) throws SQLException {
        boolean kept = connection != null;
        try {
            check.on(connection());
            return;
        } catch (SQLException | RuntimeException e) {
            discard();
            if (!kept) {
                throw e;
            }
        }
        try {
            check.on(connection());
        } catch (SQLException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private void discard() {
        Connection broken = connection;
        connection = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (SQLException | RuntimeException ignored) {
                // it is broken already; nothing more to release
            }
        }
    }

    @Override
    public void close() {
        discard();
    }

    private Connection open() throws SQLException {
        String url = endpoint.url();
        Properties properties = connectTimeoutProperties(url);
        if (endpoint.user() != null) {
            properties.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        Connection opened = DriverManager.getDriver(url).connect(url, properties);
        try {
            opened.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (SQLFeatureNotSupportedException e) {
            // the driver cannot bound reads: a hung server then delays the checks until the OS gives up
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /** Each driver names its connect timeout differently, and some (H2) reject settings they do not know. */
    private Properties connectTimeoutProperties(String url) {
        Properties properties = new Properties();
        long millis = timeout.toMillis();
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            properties.setProperty("connectTimeout", Long.toString(millis));
        } else if (url.startsWith("jdbc:postgresql:")) {
            String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("loginTimeout", seconds);
        }
        return properties;
    }
}
