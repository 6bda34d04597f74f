package io.shardgate.engine;

import io.shardgate.execute.ConnectionSource;
import io.shardgate.execute.DataSourceRegistry;
import io.shardgate.execute.replica.ReadYourWrites;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The primary connections of one transaction, one per data source touched, taken on first use and held until
 * commit or rollback. Commit goes data source by data source in the order they were touched: this is not a
 * two-phase commit, so a failure part-way leaves the earlier data sources committed (the error says which).
 */
final class TransactionConnections implements ConnectionSource {
    private final DataSourceRegistry registry;
    private final Map<String, Connection> held = new LinkedHashMap<>();
    private final ReadYourWrites readYourWrites;
    /** Data sources this transaction wrote to: their commits count as the session's writes. */
    private final Set<String> written = new HashSet<>();
    private final TransactionSavepoints savepoints = new TransactionSavepoints(this);

    TransactionConnections(DataSourceRegistry registry, ReadYourWrites readYourWrites) {
        this.registry = registry;
        this.readYourWrites = readYourWrites;
    }

    TransactionSavepoints savepoints() {
        return savepoints;
    }

    /** The data sources touched so far, in the order they were first used. */
    synchronized List<String> dataSources() {
        return new ArrayList<>(held.keySet());
    }

    /** The connection held for a touched data source. */
    synchronized Connection held(String dataSource) {
        return held.get(dataSource);
    }

    @Override
    public synchronized Connection acquire(String dataSource) throws SQLException {
        Connection connection = held.get(dataSource);
        if (connection == null) {
            connection = DataSourceRegistry.connect(registry.primary(dataSource));
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            held.put(dataSource, connection);
        }
        return connection;
    }

    @Override
    public void release(Connection connection) {
        // held until the transaction ends
    }

    @Override
    public synchronized void afterWrite(String dataSource, Connection connection) {
        written.add(dataSource);
    }

    @Override
    public boolean sharesConnections() {
        return true;
    }

    synchronized void commit() throws SQLException {
        SQLException failure = null;
        List<String> committed = new ArrayList<>();
        for (Map.Entry<String, Connection> entry : held.entrySet()) {
            try {
                entry.getValue().commit();
            } catch (SQLException e) {
                failure = new SQLException("commit failed on " + entry.getKey()
                        + (committed.isEmpty() ? "" : " after committing " + String.join(", ", committed))
                        + "; the remaining data sources were rolled back: " + e.getMessage(),
                        e.getSQLState(), e.getErrorCode(), e);
                break;
            }
            committed.add(entry.getKey());
            if (written.contains(entry.getKey())) {
                readYourWrites.committed(entry.getKey(), entry.getValue());
            }
        }
        try {
            end(); // rolls back whatever was not committed
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    synchronized void rollback() throws SQLException {
        end();
    }

    /** Rolls back every connection not yet committed and returns them all to their pools. */
    private void end() throws SQLException {
        SQLException failure = null;
        for (Map.Entry<String, Connection> entry : held.entrySet()) {
            Connection connection = entry.getValue();
            try {
                try {
                    connection.rollback();
                    connection.setAutoCommit(true);
                } finally {
                    connection.close();
                }
            } catch (SQLException e) {
                SQLException named = new SQLException("rollback failed on " + entry.getKey() + ": " + e.getMessage(),
                        e.getSQLState(), e.getErrorCode(), e);
                if (failure == null) {
                    failure = named;
                } else {
                    failure.addSuppressed(named);
                }
            }
        }
        held.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
