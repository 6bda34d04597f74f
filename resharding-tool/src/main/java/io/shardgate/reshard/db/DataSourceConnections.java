package io.shardgate.reshard.db;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One connection per data source primary, opened on first use and kept: the tool reads and writes primaries only
 * (a replica could be behind). Sessions use UTC, so TIMESTAMP values travel unchanged, and
 * {@code NO_AUTO_VALUE_ON_ZERO} without strict mode, so copied rows are written exactly as read (an id of 0 stays 0,
 * a zero date stays a zero date). READ COMMITTED keeps the change stream's locking reads to the rows they read (no
 * gap locks that would block the application's inserts). A workflow's connections may write through its own
 * write fences ({@code @shardgate_fence_bypass}): the reverse stream keeps the fenced old layout current.
 */
public final class DataSourceConnections implements AutoCloseable {
    private final ShardgateConfig config;
    private final String fenceBypass;
    private final Map<String, Connection> open = new LinkedHashMap<>();

    public DataSourceConnections(ShardgateConfig config) {
        this(config, null);
    }

    /** @param fenceBypass the workflow whose write fences these connections pass, or null */
    public DataSourceConnections(ShardgateConfig config, String fenceBypass) {
        this.config = config;
        this.fenceBypass = fenceBypass;
    }

    public synchronized Connection get(String dataSource) throws SQLException {
        Connection connection = open.get(dataSource);
        if (connection == null || connection.isClosed()) {
            connection = connect(endpoint(dataSource));
            if (fenceBypass != null) {
                try (PreparedStatement bypass = connection.prepareStatement("SET @shardgate_fence_bypass = ?")) {
                    bypass.setString(1, fenceBypass);
                    bypass.execute();
                }
            }
            open.put(dataSource, connection);
        }
        return connection;
    }

    public EndpointConfig endpoint(String dataSource) {
        DataSourceConfig source = config.dataSources().get(dataSource);
        if (source == null) {
            throw new ReshardException(ExitCode.USAGE, "unknown data source " + dataSource);
        }
        return source.primary();
    }

    /** A new connection to an endpoint with the tool's session settings; the caller closes it. */
    public static Connection connect(EndpointConfig endpoint) throws SQLException {
        Properties properties = new Properties();
        if (endpoint.user() != null) {
            properties.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        Connection connection = DriverManager.getConnection(endpoint.url(), properties);
        try (Statement statement = connection.createStatement()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            statement.execute("SET SESSION time_zone = '+00:00', sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        for (Connection connection : open.values()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing on the way out; the server drops the session anyway
            }
        }
        open.clear();
    }
}
