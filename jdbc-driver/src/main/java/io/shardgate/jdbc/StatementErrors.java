package io.shardgate.jdbc;

import io.shardgate.execute.RunningStatements;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * Gives a failed execution the exception type callers and frameworks test for. The engine names the data source
 * in a shard's error by wrapping it, which hides the driver's {@link SQLTimeoutException} subclass; and a
 * cancelled statement should say so rather than show whatever each shard driver reports.
 */
final class StatementErrors {
    /** PostgreSQL's and H2's code for a cancelled statement (MySQL has none of its own). */
    static final String CANCELLED = "57014";

    private StatementErrors() {
    }

    static SQLException forCaller(SQLException e, RunningStatements execution) {
        if (e instanceof BatchUpdateException) {
            return e;
        }
        if (execution.cancelled()) {
            return new SQLException("statement cancelled: " + e.getMessage(), CANCELLED, e.getErrorCode(), e);
        }
        if (!(e instanceof SQLTimeoutException) && hasTimeoutCause(e)) {
            return new SQLTimeoutException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        return e;
    }

    private static boolean hasTimeoutCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != e; t = t.getCause()) {
            if (t instanceof SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
