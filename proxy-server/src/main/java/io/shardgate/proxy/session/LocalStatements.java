package io.shardgate.proxy.session;

import io.shardgate.engine.StatementResult;
import io.shardgate.engine.UpdateCount;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the proxy answers without the shards: what clients send on connect and what the mysql CLI sends
 * for its prompt and completion. {@code SELECT} of system variables and session functions, {@code SET},
 * {@code USE}, {@code SHOW VARIABLES / WARNINGS / ERRORS / DATABASES / TABLES / COLUMNS} and {@code DESCRIBE}. These
 * describe this client's session and the logical schema, which no single shard knows. Anything else is left to the
 * engine.
 */
public final class LocalStatements {
    private static final Pattern VARIABLE = Pattern.compile(
            "@@(?:(?:session|local|global)\\s*\\.\\s*)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FUNCTION = Pattern.compile(
            "(database|schema|version|user|current_user|session_user|system_user|connection_id|last_insert_id)"
                    + "\\s*\\(\\s*\\)|current_user", Pattern.CASE_INSENSITIVE);

    private LocalStatements() {
    }

    /** Longer statements are never ones the proxy answers, and are not lexed twice to find that out. */
    private static final int MAX_LOCAL_LENGTH = 8192;
    private static final Pattern LOCAL_START = Pattern.compile(
            "(?s)(?:\\s|/\\*.*?\\*/|--[^\\n]*|#[^\\n]*)*(SELECT|SET|USE|SHOW|DESC|DESCRIBE)\\b.*",
            Pattern.CASE_INSENSITIVE);

    /** The statement's result when the proxy answers it itself; empty when it is for the engine. */
    public static Optional<StatementResult> tryRun(String sql, ClientSession session) throws SQLException {
        if (sql.length() > MAX_LOCAL_LENGTH || !LOCAL_START.matcher(sql).matches()) {
            return Optional.empty();
        }
        List<Token> tokens;
        try {
            tokens = significant(sql);
        } catch (SqlSyntaxException e) {
            return Optional.empty(); // the engine reports the syntax error
        }
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        Token first = tokens.get(0);
        if (first.isWord(sql, "SELECT")) {
            return SelectVariables.tryRun(sql, tokens, session);
        }
        if (first.isWord(sql, "SET")) {
            SetStatement.run(sql, tokens, session);
            return Optional.of(new UpdateCount(0));
        }
        if (first.isWord(sql, "USE") && tokens.size() == 2) {
            String name = name(sql, tokens.get(1));
            if (!session.context().isSchema(name)) {
                throw SessionErrors.unknownDatabase(name);
            }
            session.useSchema(name);
            return Optional.of(new UpdateCount(0));
        }
        if (first.isWord(sql, "SHOW")) {
            return ShowStatements.tryRun(sql, tokens, session);
        }
        if (first.isWord(sql, "DESCRIBE") || first.isWord(sql, "DESC")) {
            return DescribeTable.describe(sql, tokens, session);
        }
        return Optional.empty();
    }

    /** Tokens without comments and without trailing semicolons. */
    static List<Token> significant(String sql) {
        List<Token> out = new ArrayList<>();
        for (Token t : SqlLexer.tokenize(sql, Dialect.MYSQL)) {
            if (t.isSignificant()) {
                out.add(t);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isPunct(sql, ';')) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** An identifier or string token's value. */
    static String name(String sql, Token t) {
        return t.type() == TokenType.QUOTED_IDENT || t.type() == TokenType.STRING
                ? SqlLexer.unquote(sql, t, Dialect.MYSQL) : t.text(sql);
    }

    /** The value of a session function (DATABASE() and friends), or empty for text that is not one. */
    static Optional<Object> function(String text, ClientSession session) {
        Matcher m = FUNCTION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String f = m.group(1) == null ? "current_user" : m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(switch (f) {
            case "database", "schema" -> session.schema();
            case "version" -> session.context().serverVersion();
            case "connection_id" -> (long) session.connectionId();
            case "last_insert_id" -> session.lastInsertId();
            case "current_user" -> session.user() + "@%";
            default -> session.user() + "@" + session.host();
        });
    }

    /** The name of a system variable reference such as {@code @@session.autocommit}, or empty. */
    static Optional<String> variableName(String text) {
        Matcher m = VARIABLE.matcher(text);
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** A variable's session value; autocommit reflects the engine session. */
    static Object variable(String name, ClientSession session) throws SQLException {
        if (!session.variables().exists(name)) {
            throw SessionErrors.unknownVariable(name);
        }
        return switch (name) {
            case "autocommit" -> session.engine().autoCommit() ? 1L : 0L;
            case "last_insert_id", "identity" -> session.lastInsertId();
            default -> session.variables().get(name);
        };
    }
}
