package io.shardgate.engine;

import io.shardgate.sql.StatementKind;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the session and transaction statements the planner hands back without units. What cannot be honoured
 * across pooled shard connections (other session variables, USE, SHOW) is refused by name rather than silently
 * ignored.
 */
final class SessionStatements {
    private static final Pattern SET_AUTOCOMMIT = Pattern.compile(
            "\\s*SET\\s+(?:@@(?:SESSION\\.)?|SESSION\\s+|LOCAL\\s+)?AUTOCOMMIT\\s*(?:=|TO)\\s*'?(\\w+)'?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    /** The shard drivers already exchange Unicode, so a client's character set request changes nothing. */
    private static final Pattern SET_NAMES = Pattern.compile(
            "\\s*SET\\s+(?:NAMES|CHARACTER\\s+SET|CHARSET)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A savepoint name, bare or quoted, at the end of the statement. */
    private static final String NAME = "\\s*(`[^`]+`|\"[^\"]+\"|\\w+)\\s*;?\\s*";
    private static final Pattern SAVEPOINT = Pattern.compile("\\s*SAVEPOINT" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_TO = Pattern.compile(
            "\\s*ROLLBACK\\s+(?:WORK\\s+)?TO\\s+(?:SAVEPOINT\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern RELEASE = Pattern.compile("\\s*RELEASE\\s+SAVEPOINT" + NAME,
            Pattern.CASE_INSENSITIVE);

    private SessionStatements() {
    }

    static StatementResult run(EngineSession session, StatementKind kind, String sql) throws SQLException {
        switch (kind) {
            case BEGIN -> session.begin();
            case COMMIT -> session.commit();
            case ROLLBACK -> session.rollback();
            case SAVEPOINT -> session.setSavepoint(savepointName(SAVEPOINT, sql));
            case ROLLBACK_TO_SAVEPOINT -> session.rollbackToSavepoint(savepointName(ROLLBACK_TO, sql));
            case RELEASE_SAVEPOINT -> session.releaseSavepoint(savepointName(RELEASE, sql));
            case EMPTY -> {
                // nothing to do
            }
            case SET -> set(session, sql);
            case EXPLAIN -> throw SqlErrors.unsupported("EXPLAIN yet; PREVIEW <statement> shows how Shardgate "
                    + "routes and rewrites it");
            default -> throw SqlErrors.unsupported(kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " statements yet");
        }
        return new UpdateCount(0);
    }

    private static String savepointName(Pattern form, String sql) throws SQLException {
        Matcher m = form.matcher(sql);
        if (!m.matches()) {
            throw new SQLException("cannot read the savepoint name in: " + sql, "42000");
        }
        String name = m.group(1);
        return name.charAt(0) == '`' || name.charAt(0) == '"' ? name.substring(1, name.length() - 1) : name;
    }

    private static void set(EngineSession session, String sql) throws SQLException {
        Matcher autocommit = SET_AUTOCOMMIT.matcher(sql);
        if (autocommit.matches()) {
            session.setAutoCommit(switch (autocommit.group(1).toUpperCase(Locale.ROOT)) {
                case "1", "ON", "TRUE" -> true;
                case "0", "OFF", "FALSE" -> false;
                default -> throw new SQLException("autocommit cannot be set to " + autocommit.group(1), "42000");
            });
            return;
        }
        if (!SET_NAMES.matcher(sql).matches()) {
            throw SqlErrors.unsupported("SET other than autocommit and NAMES: session variables are not "
                    + "carried to the shards' pooled connections");
        }
    }
}
