package io.shardgate.execute;

import io.shardgate.merge.RowCursor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The leaf of every merge: one shard's result set, read forward. Owns the statement and, when streaming, the
 * connection lease, releasing both on close. Errors name the data source.
 */
final class ShardCursor implements RowCursor {
    private final String dataSource;
    private final Statement statement;
    private final ResultSet resultSet;
    private final int columnCount;
    private final ConnectionSource source;
    private final RunningStatements running;
    private Connection connection;
    private boolean closed;

    /**
     * @param connection the connection to release on close, or null when the caller releases it
     * @param running    where the statement is registered for cancellation until the cursor closes
     */
    ShardCursor(String dataSource, Statement statement, ResultSet resultSet, ConnectionSource source,
                Connection connection, RunningStatements running) throws SQLException {
        this.dataSource = dataSource;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columnCount = resultSet.getMetaData().getColumnCount();
        this.source = source;
        this.connection = connection;
        this.running = running;
    }

    @Override
    public int columnCount() {
        return columnCount;
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return !closed && resultSet.next();
        } catch (SQLException e) {
            throw ShardExecutor.naming(dataSource, e);
        }
    }

    @Override
    public Object value(int column) throws SQLException {
        try {
            return resultSet.getObject(column + 1);
        } catch (SQLException e) {
            throw ShardExecutor.naming(dataSource, e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        running.remove(statement);
        try {
            resultSet.close();
        } finally {
            try {
                statement.close();
            } finally {
                if (connection != null) {
                    source.release(connection);
                    connection = null;
                }
            }
        }
    }
}
