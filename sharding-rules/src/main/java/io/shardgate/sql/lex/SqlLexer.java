package io.shardgate.sql.lex;

import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * A small MySQL-flavoured tokenizer. It exists so that the engine can classify statements, find literals and
 * comments and blank out the MySQL-only clauses Calcite does not parse, without a full parse. Whitespace is
 * skipped; comments are kept as tokens because hints live in them.
 */
public final class SqlLexer {

    private SqlLexer() {
    }

    public static List<Token> tokenize(String sql, Dialect dialect) {
        boolean mysql = dialect == Dialect.MYSQL;
        List<Token> out = new ArrayList<>(Math.max(8, sql.length() / 4));
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2)))) {
                i = addLineComment(sql, i, out);
            } else if (c == '#' && mysql) {
                i = addLineComment(sql, i, out);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new SqlSyntaxException("unterminated comment starting at offset " + i, i);
                }
                boolean hint = i + 2 < n && (sql.charAt(i + 2) == '+' || sql.charAt(i + 2) == '!');
                out.add(new Token(hint ? TokenType.HINT_COMMENT : TokenType.COMMENT, i, close + 2));
                i = close + 2;
            } else if (c == '\'' || (c == '"' && mysql)) {
                int end = endOfQuoted(sql, i, c, mysql);
                out.add(new Token(TokenType.STRING, i, end));
                i = end;
            } else if (c == dialect.identifierQuote()) {
                int end = endOfQuoted(sql, i, c, false);
                out.add(new Token(TokenType.QUOTED_IDENT, i, end));
                i = end;
            } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = endOfQuoted(sql, i + 1, '\'', false);
                out.add(new Token(TokenType.HEX, i, end));
                i = end;
            } else if (c == '0' && i + 1 < n && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
                int j = i + 2;
                while (j < n && Character.digit(sql.charAt(j), 16) >= 0) {
                    j++;
                }
                out.add(new Token(TokenType.HEX, i, j));
                i = j;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
                int end = endOfNumber(sql, i);
                if (end < n && isIdentPart(sql.charAt(end))) {
                    // MySQL identifiers may start with digits (e.g. 1abc): lex as a word
                    int j = end;
                    while (j < n && isIdentPart(sql.charAt(j))) {
                        j++;
                    }
                    out.add(new Token(TokenType.WORD, i, j));
                    i = j;
                } else {
                    out.add(new Token(TokenType.NUMBER, i, end));
                    i = end;
                }
            } else if (isIdentStart(c)) {
                int j = i + 1;
                while (j < n && isIdentPart(sql.charAt(j))) {
                    j++;
                }
                out.add(new Token(TokenType.WORD, i, j));
                i = j;
            } else if (c == '?') {
                out.add(new Token(TokenType.MARKER, i, i + 1));
                i++;
            } else {
                int len = 1;
                if (i + 1 < n) {
                    char d = sql.charAt(i + 1);
                    if ((c == '<' && (d == '=' || d == '>')) || (c == '>' && d == '=') || (c == '!' && d == '=')
                            || (c == '|' && d == '|') || (c == '&' && d == '&') || (c == ':' && (d == '=' || d == ':'))) {
                        len = 2;
                    }
                }
                out.add(new Token(TokenType.PUNCT, i, i + len));
                i += len;
            }
        }
        return out;
    }

    private static int addLineComment(String sql, int start, List<Token> out) {
        int end = sql.indexOf('\n', start);
        if (end < 0) {
            end = sql.length();
        }
        out.add(new Token(TokenType.COMMENT, start, end));
        return end;
    }

    /** End offset (exclusive) of a quoted run starting at {@code start}; doubled quotes and backslashes escape. */
    static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int end = quotedRunEnd(sql, start, quote, backslashEscapes);
        if (end < 0) {
            String what = quote == '\'' || backslashEscapes ? "string literal" : "quoted identifier";
            throw new SqlSyntaxException("unterminated " + what + " starting at offset " + start, start);
        }
        return end;
    }

    /**
     * End offset (exclusive) of the quoted run whose opening {@code quote} is at {@code start}, or -1 when the text
     * ends first. A doubled quote stands for itself; with {@code backslashEscapes} a backslash escapes the next
     * character (MySQL without NO_BACKSLASH_ESCAPES).
     */
    public static int quotedRunEnd(String sql, int start, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int endOfNumber(String sql, int start) {
        int n = sql.length();
        int i = start;
        while (i < n && isDigit(sql.charAt(i))) {
            i++;
        }
        if (i < n && sql.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i + 1 < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (sql.charAt(j) == '+' || sql.charAt(j) == '-') {
                j++;
            }
            if (j < n && isDigit(sql.charAt(j))) {
                i = j;
                while (i < n && isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c == '@';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The unescaped value of a quoted string or identifier token; backslash escapes are MySQL's only. */
    public static String unquote(String sql, Token t, Dialect dialect) {
        char q = sql.charAt(t.start());
        boolean backslashEscapes = dialect == Dialect.MYSQL && q != '`';
        StringBuilder sb = new StringBuilder(t.end() - t.start());
        for (int i = t.start() + 1; i < t.end() - 1; i++) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes && i + 1 < t.end() - 1) {
                char e = sql.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    case 'b' -> sb.append('\b');
                    case 'Z' -> sb.append('\u001A');
                    default -> sb.append(e);
                }
            } else if (c == q && i + 1 < t.end() - 1 && sql.charAt(i + 1) == q) {
                sb.append(c);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
