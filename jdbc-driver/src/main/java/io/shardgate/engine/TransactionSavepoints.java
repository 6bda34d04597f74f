package io.shardgate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The savepoints of one transaction. A savepoint can be set while the transaction has touched at most one data
 * source: it is then a real savepoint on that data source's connection (or nothing, before any), and rolling back
 * to it rolls that connection back to it and every data source touched since back entirely, which restores
 * exactly the state at the savepoint. Once two data sources are touched a savepoint would have to be set and
 * later rolled back on each separately, which is not atomic: that is refused.
 */
final class TransactionSavepoints {

    /** @param dataSource the data source touched when it was set, or null; {@code backend} its savepoint there */
    private record Mark(String name, String dataSource, Savepoint backend) {
    }

    private final TransactionConnections transaction;
    private final List<Mark> marks = new ArrayList<>();

    TransactionSavepoints(TransactionConnections transaction) {
        this.transaction = transaction;
    }

    void set(String name) throws SQLException {
        List<String> touched = transaction.dataSources();
        if (touched.size() > 1) {
            throw new SQLFeatureNotSupportedException("Shardgate does not support savepoint " + name + " here: the "
                    + "transaction has already used data sources " + String.join(", ", touched) + ", and rolling "
                    + "back to a savepoint on several data sources would not be atomic; set savepoints before a "
                    + "transaction touches its second data source", "0A000");
        }
        int existing = indexOf(name);
        if (existing >= 0) {
            marks.remove(existing);
        }
        String dataSource = touched.isEmpty() ? null : touched.get(0);
        Savepoint backend = dataSource == null ? null : transaction.held(dataSource).setSavepoint(name);
        marks.add(new Mark(name, dataSource, backend));
    }

    void rollbackTo(String name) throws SQLException {
        int at = require(name);
        Mark mark = marks.get(at);
        for (String dataSource : transaction.dataSources()) {
            Connection connection = transaction.held(dataSource);
            try {
                if (dataSource.equals(mark.dataSource())) {
                    connection.rollback(mark.backend());
                } else {
                    connection.rollback(); // first touched after the savepoint
                }
            } catch (SQLException e) {
                throw new SQLException("rollback to savepoint " + name + " failed on " + dataSource + ": "
                        + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
        }
        marks.subList(at + 1, marks.size()).clear();
    }

    void release(String name) throws SQLException {
        int at = require(name);
        Mark mark = marks.get(at);
        if (mark.backend() != null) {
            transaction.held(mark.dataSource()).releaseSavepoint(mark.backend());
        }
        marks.subList(at, marks.size()).clear();
    }

    private int require(String name) throws SQLException {
        int at = indexOf(name);
        if (at < 0) {
            throw noSuchSavepoint(name);
        }
        return at;
    }

    private int indexOf(String name) {
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    static SQLException noSuchSavepoint(String name) {
        return new SQLException("savepoint " + name + " does not exist in this transaction", "3B001");
    }
}
