package io.shardgate.execute;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failed server or network, where trying another server helps, from an error in the statement itself
 * (syntax, missing table, constraint), where it does not and the server is fine.
 */
final class ConnectionFailures {
    /** PostgreSQL: administrator or crash shutdown, server starting up or shutting down. */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable error) {
        int depth = 0;
        for (Throwable e = error; e != null && depth < 16; e = e.getCause(), depth++) { // bounded: causes may cycle
            if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                    || e instanceof SQLRecoverableException) {
                return true;
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
