package io.shardgate.reshard.meta;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * The metadata store's one connection, shared by {@link MetadataStore} and {@link RouterSwitches}. Every use holds
 * this object's lock: a transaction turns autocommit off, so a statement of one must never run in the middle of a
 * transaction of the other (during a switch the stream thread saves positions while the switch polls the routers).
 */
final class StoreConnection implements AutoCloseable {
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection connection;

    private StoreConnection(Connection connection) {
        this.connection = connection;
    }

    /** Connects in UTC and creates the tables that are missing. */
    static StoreConnection open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
            for (String ddl : MetaSchema.DDL) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new StoreConnection(connection);
    }

    /** The connection; only for use inside {@link #locked} or {@link #inTransaction}. */
    Connection connection() {
        return connection;
    }

    synchronized <T> T locked(Work<T> work) throws SQLException {
        return work.run();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    synchronized <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A DATETIME column, which the store keeps in UTC. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
