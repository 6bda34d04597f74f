package io.shardgate.proxy.session;

import io.shardgate.engine.StatementResult;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The SHOW statements the proxy answers: {@code VARIABLES} (with LIKE or a WHERE naming variables), {@code WARNINGS}
 * and {@code ERRORS} (the proxy keeps none: errors arrive as ERR packets), {@code DATABASES} (the one logical
 * schema), {@code [FULL] TABLES} (the logical tables of the rules, not the shards' physical ones),
 * {@code COLUMNS} / {@code FIELDS} (a logical table's, see {@link DescribeTable}) and {@code STATUS} (the client's
 * own connection: its TLS protocol and cipher; no shard knows them).
 */
final class ShowStatements {

    private ShowStatements() {
    }

    static Optional<StatementResult> tryRun(String sql, List<Token> tokens, ClientSession session)
            throws SQLException {
        int i = 1;
        if (i < tokens.size() && (tokens.get(i).isWord(sql, "SESSION") || tokens.get(i).isWord(sql, "LOCAL")
                || tokens.get(i).isWord(sql, "GLOBAL"))) {
            i++;
        }
        boolean full = i < tokens.size() && tokens.get(i).isWord(sql, "FULL");
        if (full) {
            i++;
        }
        if (i >= tokens.size()) {
            return Optional.empty();
        }
        Token what = tokens.get(i);
        List<Token> rest = tokens.subList(i + 1, tokens.size());
        if (what.isWord(sql, "VARIABLES") && !full) {
            return variables(sql, rest, session);
        }
        if ((what.isWord(sql, "WARNINGS") || what.isWord(sql, "ERRORS")) && !full) {
            return Optional.of(LocalResult.of(List.of("Level", "Code", "Message"), List.of()));
        }
        if ((what.isWord(sql, "DATABASES") || what.isWord(sql, "SCHEMAS")) && !full) {
            Optional<Predicate<String>> filter = filter(sql, rest);
            if (filter.isEmpty()) {
                return Optional.empty();
            }
            List<Object[]> rows = new ArrayList<>();
            if (filter.get().test(session.context().schema())) {
                rows.add(new Object[] {session.context().schema()});
            }
            return Optional.of(LocalResult.of(List.of("Database"), rows));
        }
        if (what.isWord(sql, "TABLES")) {
            return tables(sql, rest, full, session);
        }
        if ((what.isWord(sql, "COLUMNS") || what.isWord(sql, "FIELDS")) && !full) {
            return DescribeTable.showColumns(sql, rest, session);
        }
        if (what.isWord(sql, "STATUS") && !full) {
            return status(sql, rest, session);
        }
        return Optional.empty();
    }

    private static Optional<StatementResult> variables(String sql, List<Token> rest, ClientSession session) {
        Map<String, Object> all = session.variables().all();
        all.put("autocommit", session.engine().autoCommit() ? "ON" : "OFF");
        Optional<Predicate<String>> filter;
        if (!rest.isEmpty() && rest.get(0).isWord(sql, "WHERE")) {
            // Old Connector/J: WHERE Variable_name = 'a' OR Variable_name = 'b'; the quoted names are the filter
            Set<String> named = new HashSet<>();
            for (Token t : rest) {
                if (t.type() == TokenType.STRING) {
                    named.add(LocalStatements.name(sql, t).toLowerCase(Locale.ROOT));
                }
            }
            filter = Optional.of(named::contains);
        } else {
            filter = filter(sql, rest);
            if (filter.isEmpty()) {
                return Optional.empty();
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (filter.get().test(e.getKey())) {
                rows.add(new Object[] {e.getKey(), e.getValue() == null ? null : e.getValue().toString()});
            }
        }
        return Optional.of(LocalResult.of(List.of("Variable_name", "Value"), rows));
    }

    private static Optional<StatementResult> status(String sql, List<Token> rest, ClientSession session) {
        Optional<Predicate<String>> filter = filter(sql, rest);
        if (filter.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> all = Map.of("Ssl_cipher", session.tls().cipher(), "Ssl_version", session.tls().version());
        List<Object[]> rows = new ArrayList<>();
        for (String name : new TreeSet<>(all.keySet())) {
            if (filter.get().test(name)) {
                rows.add(new Object[] {name, all.get(name)});
            }
        }
        return Optional.of(LocalResult.of(List.of("Variable_name", "Value"), rows));
    }

    private static Optional<StatementResult> tables(String sql, List<Token> rest, boolean full,
                                                    ClientSession session) {
        String schema = session.schema();
        List<Token> filter = rest;
        if (!rest.isEmpty() && (rest.get(0).isWord(sql, "FROM") || rest.get(0).isWord(sql, "IN"))) {
            if (rest.size() < 2) {
                return Optional.empty();
            }
            schema = LocalStatements.name(sql, rest.get(1));
            if (!session.context().isSchema(schema)) {
                return Optional.empty(); // the engine refuses SHOW on unknown schemas by name
            }
            filter = rest.subList(2, rest.size());
        }
        Optional<Predicate<String>> like = filter(sql, filter);
        if (like.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> rows = new ArrayList<>();
        for (String table : session.context().tables()) {
            if (like.get().test(table)) {
                rows.add(full ? new Object[] {table, "BASE TABLE"} : new Object[] {table});
            }
        }
        String column = "Tables_in_" + session.context().schema();
        return Optional.of(LocalResult.of(full ? List.of(column, "Table_type") : List.of(column), rows));
    }

    /** Everything for no filter, a matcher for {@code LIKE 'x%'}; empty for other filters (not answered here). */
    static Optional<Predicate<String>> filter(String sql, List<Token> rest) {
        if (rest.isEmpty()) {
            return Optional.of(name -> true);
        }
        if (rest.size() == 2 && rest.get(0).isWord(sql, "LIKE") && rest.get(1).type() == TokenType.STRING) {
            Pattern pattern = likePattern(LocalStatements.name(sql, rest.get(1)));
            return Optional.of(name -> pattern.matcher(name).matches());
        }
        return Optional.empty();
    }

    /** SQL LIKE as a case-insensitive regex: % any run, _ one character, backslash escapes. */
    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
