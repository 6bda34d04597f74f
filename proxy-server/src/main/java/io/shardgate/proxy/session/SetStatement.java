package io.shardgate.proxy.session;

import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SET} as clients send it on connect and around transactions: {@code SET NAMES}, {@code SET autocommit},
 * {@code SET [SESSION] var = value, ...}. Every assignment is checked before any is applied, so a refused statement
 * changes nothing. Autocommit goes to the engine session; client-side variables (character sets, timeouts) are
 * kept here; a variable that would change how the shards run SQL is accepted only when it already has that value.
 */
final class SetStatement {
    private static final Pattern TARGET = Pattern.compile(
            "(?:(GLOBAL|SESSION|LOCAL)\\s+|@@(?:(GLOBAL|SESSION|LOCAL)\\s*\\.\\s*)?)?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_MODE_CONCAT = Pattern.compile(
            "concat\\s*\\(\\s*@@(?:session\\s*\\.\\s*)?sql_mode\\s*,\\s*'([^']*)'\\s*\\)", Pattern.CASE_INSENSITIVE);
    /** The proxy writes UTF-8 to clients whatever they ask; these names all mean that. */
    private static final Set<String> UTF8 = Set.of("utf8mb4", "utf8", "utf8mb3");
    private static final String NOT_CARRIED = "session variables that change how statements run are not carried "
            + "to the shards' pooled connections";

    private record Assignment(String name, String value, boolean isDefault) {
    }

    private SetStatement() {
    }

    /** {@code tokens}: the statement's significant tokens from SET on, without a trailing semicolon. */
    static void run(String sql, List<Token> tokens, ClientSession session) throws SQLException {
        if (tokens.size() > 1 && (tokens.get(1).isWord(sql, "TRANSACTION")
                || tokens.size() > 2 && tokens.get(2).isWord(sql, "TRANSACTION"))) {
            throw SessionErrors.notSupported("SET TRANSACTION", "isolation level and access mode would apply to "
                    + "one pooled shard connection only; set them on the shards");
        }
        List<Assignment> assignments = new ArrayList<>();
        for (List<Token> part : splitOnCommas(sql, tokens.subList(1, tokens.size()))) {
            assignments.addAll(parse(sql, part, session.variables()));
        }
        for (Assignment a : assignments) {
            check(a, session);
        }
        for (Assignment a : assignments) {
            apply(a, session);
        }
    }

    private static List<List<Token>> splitOnCommas(String sql, List<Token> tokens) throws SQLException {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.isPunct(sql, '(')) {
                depth++;
            } else if (t.isPunct(sql, ')')) {
                depth--;
            } else if (depth == 0 && t.isPunct(sql, ',')) {
                parts.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(t);
        }
        parts.add(current);
        for (List<Token> part : parts) {
            if (part.isEmpty()) {
                throw syntax(sql);
            }
        }
        return parts;
    }

    private static List<Assignment> parse(String sql, List<Token> part, SessionVariables variables)
            throws SQLException {
        Token first = part.get(0);
        if (first.isWord(sql, "NAMES") || first.isWord(sql, "CHARSET")
                || first.isWord(sql, "CHARACTER") && part.size() > 1 && part.get(1).isWord(sql, "SET")) {
            int at = first.isWord(sql, "CHARACTER") ? 2 : 1;
            if (at >= part.size()) {
                throw syntax(sql);
            }
            String charset = value(sql, part.get(at));
            List<Assignment> out = new ArrayList<>();
            out.add(new Assignment("character_set_client", charset, false));
            out.add(new Assignment("character_set_results", charset, false));
            if (first.isWord(sql, "NAMES")) {
                out.add(new Assignment("character_set_connection", charset, false));
                boolean collate = part.size() > at + 2 && part.get(at + 1).isWord(sql, "COLLATE");
                out.add(new Assignment("collation_connection", collate ? value(sql, part.get(at + 2)) : null,
                        !collate));
            }
            return out;
        }
        int op = operator(sql, part);
        String targetText = sql.substring(first.start(), part.get(op - 1).end());
        Matcher target = TARGET.matcher(targetText);
        if (targetText.startsWith("@") && !targetText.startsWith("@@")) {
            throw SessionErrors.notSupported("user variables (" + targetText + ")", "bind a ? parameter instead");
        }
        if (!target.matches()) {
            throw syntax(sql);
        }
        if ("GLOBAL".equalsIgnoreCase(target.group(1)) || "GLOBAL".equalsIgnoreCase(target.group(2))) {
            throw SessionErrors.notSupported("SET GLOBAL", "set global variables on the shards");
        }
        String name = target.group(3).toLowerCase(Locale.ROOT);
        if (!variables.exists(name)) {
            throw SessionErrors.unknownVariable(name);
        }
        List<Token> valueTokens = part.subList(op + 1, part.size());
        if (valueTokens.isEmpty()) {
            throw syntax(sql);
        }
        String value = valueTokens.size() == 1 ? value(sql, valueTokens.get(0))
                : sql.substring(valueTokens.get(0).start(), valueTokens.get(valueTokens.size() - 1).end());
        boolean isDefault = valueTokens.size() == 1 && valueTokens.get(0).isWord(sql, "DEFAULT");
        return List.of(new Assignment(name, value, isDefault));
    }

    private static int operator(String sql, List<Token> part) throws SQLException {
        for (int i = 1; i < part.size(); i++) {
            Token t = part.get(i);
            if (t.isPunct(sql, '=') || t.type() == TokenType.PUNCT && t.text(sql).equals(":=")
                    || t.isWord(sql, "TO")) {
                return i;
            }
        }
        throw syntax(sql);
    }

    private static String value(String sql, Token t) {
        return t.type() == TokenType.STRING || t.type() == TokenType.QUOTED_IDENT
                ? SqlLexer.unquote(sql, t, Dialect.MYSQL) : t.text(sql);
    }

    private static void check(Assignment a, ClientSession session) throws SQLException {
        String name = a.name();
        if (a.isDefault()) {
            return;
        }
        if (name.equals("autocommit")) {
            bool(a);
        } else if (name.startsWith("character_set_")) {
            boolean resultsAsIs = name.equals("character_set_results")
                    && (a.value().equalsIgnoreCase("NULL") || a.value().equalsIgnoreCase("binary"));
            if (!resultsAsIs && !UTF8.contains(a.value().toLowerCase(Locale.ROOT))) {
                throw SessionErrors.notSupported("character set " + a.value(),
                        "the proxy speaks UTF-8 (utf8mb4) to clients; use SET NAMES utf8mb4");
            }
        } else if (name.equals("collation_connection")) {
            if (!a.value().toLowerCase(Locale.ROOT).startsWith("utf8")) {
                throw SessionErrors.notSupported("collation " + a.value(), "the proxy speaks utf8mb4 to clients");
            }
        } else if (name.endsWith("_timeout") && session.variables().isClientSide(name)) {
            number(a);
        } else if (!session.variables().isClientSide(name) && !sameAsCurrent(a, session)) {
            throw SessionErrors.notSupported("SET " + name + " = " + a.value(), NOT_CARRIED);
        }
    }

    private static boolean sameAsCurrent(Assignment a, ClientSession session) {
        Object current = session.variables().get(a.name());
        if (a.name().equals("last_insert_id") || a.name().equals("identity") || current == null) {
            return false;
        }
        if (a.name().equals("time_zone")) {
            Object system = session.variables().get("system_time_zone");
            return sameZone(zone(current.toString(), system), zone(a.value(), system));
        }
        if (a.name().equals("sql_mode")) {
            return sqlModes(current.toString()).equals(sqlModes(sqlModeValue(a.value(), current.toString())));
        }
        return normalize(current.toString()).equals(normalize(a.value()));
    }

    /** A time_zone value as a zone; SYSTEM is system_time_zone; null for a name java.time does not know. */
    private static ZoneId zone(String value, Object systemZone) {
        try {
            return ZoneId.of(value.equalsIgnoreCase("SYSTEM") ? String.valueOf(systemZone) : value.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * MariaDB Connector/J sets the JVM's zone, e.g. {@code time_zone='+00:00'} for Etc/UTC: the same rules under
     * another name is the no-op it is.
     */
    private static boolean sameZone(ZoneId a, ZoneId b) {
        if (a == null || b == null) {
            return false;
        }
        ZoneRules ra = a.getRules();
        ZoneRules rb = b.getRules();
        return a.normalized().equals(b.normalized())
                || ra.isFixedOffset() && rb.isFixedOffset()
                && ra.getOffset(Instant.EPOCH).equals(rb.getOffset(Instant.EPOCH));
    }

    /**
     * MariaDB Connector/J sends {@code sql_mode=concat(@@sql_mode,',STRICT_TRANS_TABLES')} on every connect; that
     * idiom is evaluated, so adding modes that are already set is the no-op it is.
     */
    private static String sqlModeValue(String value, String current) {
        Matcher concat = SQL_MODE_CONCAT.matcher(value.strip());
        return concat.matches() ? current + "," + concat.group(1) : value;
    }

    private static Set<String> sqlModes(String value) {
        Set<String> modes = new TreeSet<>();
        for (String mode : value.split(",")) {
            if (!mode.isBlank()) {
                modes.add(mode.strip().toUpperCase(Locale.ROOT));
            }
        }
        return modes;
    }

    private static String normalize(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "ON", "TRUE" -> "1";
            case "OFF", "FALSE" -> "0";
            default -> v.replace('_', '-').replace(' ', '-');
        };
    }

    private static void apply(Assignment a, ClientSession session) throws SQLException {
        String name = a.name();
        if (name.equals("autocommit")) {
            session.engine().setAutoCommit(a.isDefault() || bool(a));
        } else if (a.isDefault()) {
            session.variables().setDefault(name);
        } else if (name.endsWith("_timeout") && session.variables().isClientSide(name)) {
            session.variables().set(name, number(a));
        } else if (session.variables().isClientSide(name)) {
            session.variables().set(name, a.value().equalsIgnoreCase("NULL") ? null : a.value());
        }
    }

    private static boolean bool(Assignment a) throws SQLException {
        return switch (a.value().toUpperCase(Locale.ROOT)) {
            case "1", "ON", "TRUE" -> true;
            case "0", "OFF", "FALSE" -> false;
            default -> throw SessionErrors.wrongValue(a.name(), a.value());
        };
    }

    private static long number(Assignment a) throws SQLException {
        try {
            long v = Long.parseLong(a.value());
            if (v < 1) {
                throw SessionErrors.wrongValue(a.name(), a.value());
            }
            return v;
        } catch (NumberFormatException e) {
            throw SessionErrors.wrongValue(a.name(), a.value());
        }
    }

    private static SQLException syntax(String sql) {
        return new SQLException("You have an error in your SQL syntax; check the SET statement near '"
                + sql.strip() + "'", "42000", 1064);
    }
}
