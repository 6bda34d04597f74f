package io.shardgate.proxy.result;

import io.shardgate.algorithm.ShardingException;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;
import io.shardgate.sql.parse.UnsupportedSqlException;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a statement's SQLException into the ERR packet a MySQL server would send. MariaDB shards' errors keep their
 * code and SQLSTATE. Shardgate's own refusals become ER_NOT_SUPPORTED_YET and its syntax errors ER_PARSE_ERROR.
 * H2 shards (the embedded default) report H2 codes, which mean something else to MySQL clients or do not fit the
 * packet's two bytes, so the common ones are translated and the rest become ER_UNKNOWN_ERROR with H2's SQLSTATE.
 * A shard that cannot be reached is reported as ER_CONNECT_TO_FOREIGN_DATA_SOURCE rather than with its 08xxx
 * SQLSTATE, which clients would take to mean that their own connection to the proxy broke.
 */
public final class ErrorMapper {
    /** ER_PARSE_ERROR, with SQLSTATE 42000. */
    public static final int PARSE_ERROR = 1064;
    static final int NOT_SUPPORTED_YET = 1235;
    static final int NO_PARTITION_FOR_VALUE = 1526;
    static final int UNKNOWN_ERROR = 1105;
    static final int FOREIGN_DATA_SOURCE = 1429;

    private record Mysql(int code, String sqlState) {
    }

    private static final Map<Integer, Mysql> H2 = Map.ofEntries(
            Map.entry(23505, new Mysql(1062, "23000")),  // duplicate key
            Map.entry(23502, new Mysql(1048, "23000")),  // NULL not allowed
            Map.entry(23503, new Mysql(1451, "23000")),  // a child row references the row
            Map.entry(23506, new Mysql(1452, "23000")),  // the referenced parent row is missing
            Map.entry(22001, new Mysql(1406, "22001")),  // value too long
            Map.entry(22003, new Mysql(1264, "22003")),  // numeric value out of range
            Map.entry(22012, new Mysql(1365, "22012")),  // division by zero
            Map.entry(22018, new Mysql(1366, "HY000")),  // data conversion error
            Map.entry(42000, new Mysql(PARSE_ERROR, "42000")),
            Map.entry(42001, new Mysql(PARSE_ERROR, "42000")),
            Map.entry(42101, new Mysql(1050, "42S01")),  // table already exists
            Map.entry(42102, new Mysql(1146, "42S02")),  // table not found
            Map.entry(42103, new Mysql(1146, "42S02")),
            Map.entry(42104, new Mysql(1146, "42S02")),
            Map.entry(42121, new Mysql(1060, "42S21")),  // duplicate column name
            Map.entry(42122, new Mysql(1054, "42S22")),  // column not found
            Map.entry(40001, new Mysql(1213, "40001")),  // deadlock
            Map.entry(50200, new Mysql(1205, "HY000")),  // lock wait timeout
            Map.entry(57014, new Mysql(1317, "70100"))); // statement cancelled

    /** Words a MySQL statement can begin with; a refused statement that begins otherwise is a syntax error. */
    private static final Set<String> STATEMENT_WORDS = Set.of("ALTER", "ANALYZE", "BACKUP", "BEGIN", "BINLOG",
            "CACHE", "CALL", "CHANGE", "CHECK", "CHECKSUM", "COMMIT", "CREATE", "DEALLOCATE", "DELETE", "DESC",
            "DESCRIBE", "DO", "DROP", "EXECUTE", "EXPLAIN", "FLUSH", "GET", "GRANT", "HANDLER", "HELP", "IMPORT",
            "INSERT", "INSTALL", "KILL", "LOAD", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR",
            "REPLACE", "RESET", "RESIGNAL", "REVOKE", "ROLLBACK", "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN",
            "SIGNAL", "START", "STOP", "TABLE", "TRUNCATE", "UNINSTALL", "UNLOCK", "UPDATE", "USE", "VALUES", "WITH",
            "XA", "(");

    private ErrorMapper() {
    }

    /**
     * As {@link #toErr(SQLException)}, knowing the statement: the planner refuses text it cannot classify as an
     * unsupported statement, but when its first word starts no MySQL statement ({@code SELEC 1}) a MySQL server
     * would call it a syntax error, and so does the proxy.
     */
    public static ErrPacket toErr(SQLException e, String sql) {
        ErrPacket err = toErr(e);
        if (err.code() == NOT_SUPPORTED_YET && plannerCause(e) instanceof UnsupportedSqlException u
                && u.construct().startsWith("statement '")) {
            String first = firstWord(sql);
            if (!first.isEmpty() && !STATEMENT_WORDS.contains(first.toUpperCase(Locale.ROOT))) {
                return new ErrPacket(PARSE_ERROR, "42000", "You have an error in your SQL syntax near '" + first
                        + "': no statement begins with it");
            }
        }
        return err;
    }

    private static String firstWord(String sql) {
        try {
            for (Token t : SqlLexer.tokenize(sql, Dialect.MYSQL)) {
                if (t.isSignificant()) {
                    return t.text(sql);
                }
            }
        } catch (SqlSyntaxException e) {
            return "";
        }
        return "";
    }

    public static ErrPacket toErr(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable planner = plannerCause(e);
        if (planner instanceof SqlSyntaxException) {
            return new ErrPacket(PARSE_ERROR, "42000", "You have an error in your SQL syntax: " + message);
        }
        if (planner instanceof UnsupportedSqlException
                || e instanceof SQLFeatureNotSupportedException && e.getErrorCode() == 0) {
            return new ErrPacket(NOT_SUPPORTED_YET, "42000", message);
        }
        if (planner instanceof ShardingException) {
            return new ErrPacket(NO_PARTITION_FOR_VALUE, "HY000", message);
        }
        String state = e.getSQLState();
        if (fromH2(e)) {
            Mysql mapped = H2.get(e.getErrorCode());
            return mapped != null ? new ErrPacket(mapped.code(), mapped.sqlState(), message)
                    : new ErrPacket(UNKNOWN_ERROR, state, message);
        }
        if (state != null && state.startsWith("08")) {
            return new ErrPacket(FOREIGN_DATA_SOURCE, "HY000", message);
        }
        int code = e.getErrorCode();
        return code >= 1 && code <= 0xFFFF ? new ErrPacket(code, state, message)
                : new ErrPacket(UNKNOWN_ERROR, state, message);
    }

    private static Throwable plannerCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SqlSyntaxException || t instanceof UnsupportedSqlException
                    || t instanceof ShardingException) {
                return t;
            }
        }
        return null;
    }

    private static boolean fromH2(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("org.h2.")) {
                return true;
            }
        }
        return false;
    }
}
