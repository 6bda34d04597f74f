package io.shardgate.proxy.session;

import io.shardgate.engine.StatementResult;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SELECT} lists made only of system variables and session functions, with optional aliases and LIMIT:
 * {@code SELECT @@version_comment LIMIT 1}, Connector/J's {@code SELECT @@session.auto_increment_increment AS
 * auto_increment_increment, ...}, {@code SELECT DATABASE(), USER()}. A statement with anything else (a FROM, a
 * literal, an expression) is not answered here.
 */
final class SelectVariables {

    private SelectVariables() {
    }

    static Optional<StatementResult> tryRun(String sql, List<Token> tokens, ClientSession session)
            throws SQLException {
        int end = tokens.size();
        long limit = Long.MAX_VALUE;
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).isWord(sql, "LIMIT")) {
                if (i != tokens.size() - 2 || tokens.get(i + 1).type() != TokenType.NUMBER) {
                    return Optional.empty();
                }
                try {
                    limit = Long.parseLong(tokens.get(i + 1).text(sql));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                end = i;
                break;
            }
        }
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= end; i++) {
            if (i == end || tokens.get(i).isPunct(sql, ',')) {
                if (i == start || !item(sql, tokens.subList(start, i), session, labels, values)) {
                    return Optional.empty();
                }
                start = i + 1;
            }
        }
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> rows = new ArrayList<>();
        if (limit > 0) {
            rows.add(values.toArray());
        }
        return Optional.of(LocalResult.of(labels, rows));
    }

    /** Adds one select item; false when it is not a variable or session function. */
    private static boolean item(String sql, List<Token> item, ClientSession session, List<String> labels,
                                List<Object> values) throws SQLException {
        int exprEnd = item.size();
        String alias = null;
        if (item.size() >= 3 && item.get(item.size() - 2).isWord(sql, "AS")) {
            exprEnd = item.size() - 2;
            alias = LocalStatements.name(sql, item.get(item.size() - 1));
        } else if (item.size() >= 2 && isIdentifier(item.get(item.size() - 1))
                && !item.get(item.size() - 2).isPunct(sql, '.')) {
            String withoutLast = text(sql, item.subList(0, item.size() - 1));
            if (expression(withoutLast)) {
                exprEnd = item.size() - 1;
                alias = LocalStatements.name(sql, item.get(item.size() - 1));
            }
        }
        String expr = text(sql, item.subList(0, exprEnd));
        Optional<String> variable = LocalStatements.variableName(expr);
        Object value;
        if (variable.isPresent()) {
            if (!session.variables().exists(variable.get())) {
                return false; // a MariaDB shard may know it; the engine passes such a SELECT through
            }
            value = LocalStatements.variable(variable.get(), session);
        } else {
            Optional<Object> function = LocalStatements.function(expr, session);
            if (function.isEmpty()) {
                return false;
            }
            value = function.get();
        }
        labels.add(alias != null ? alias : expr);
        values.add(value);
        return true;
    }

    private static boolean expression(String text) {
        return LocalStatements.variableName(text).isPresent() || text.matches("(?i)[a-z_]+\\s*\\(\\s*\\)");
    }

    private static boolean isIdentifier(Token t) {
        return t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT || t.type() == TokenType.STRING;
    }

    private static String text(String sql, List<Token> tokens) {
        return tokens.isEmpty() ? "" : sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
    }
}
