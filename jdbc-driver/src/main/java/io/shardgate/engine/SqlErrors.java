package io.shardgate.engine;

import io.shardgate.algorithm.ShardingException;
import io.shardgate.config.ConfigException;
import io.shardgate.sql.parse.SqlSyntaxException;
import io.shardgate.sql.parse.UnsupportedSqlException;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;

/** Turns the planner's and the loader's runtime exceptions into the SQLExceptions JDBC callers expect. */
public final class SqlErrors {

    private SqlErrors() {
    }

    public static SQLException translate(RuntimeException e) {
        if (e instanceof SqlSyntaxException) {
            return new SQLSyntaxErrorException(e.getMessage(), "42000", e);
        }
        if (e instanceof UnsupportedSqlException) {
            return new SQLFeatureNotSupportedException(e.getMessage(), "0A000", e);
        }
        if (e instanceof ShardingException) {
            return new SQLDataException(e.getMessage(), "22000", e);
        }
        if (e instanceof ConfigException) {
            return new SQLNonTransientConnectionException(e.getMessage(), "08001", e);
        }
        return new SQLException("internal error: " + e, "HY000", e);
    }

    /** A configuration that cannot be loaded or an engine that cannot start (e.g. no JDBC driver for a URL). */
    public static SQLException startFailure(RuntimeException e) {
        if (e instanceof ConfigException) {
            return translate(e);
        }
        return new SQLNonTransientConnectionException("cannot start the Shardgate engine: " + e.getMessage(),
                "08001", e);
    }

    /** A statement the session cannot run, naming it. */
    public static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException("Shardgate does not support " + what, "0A000");
    }
}
