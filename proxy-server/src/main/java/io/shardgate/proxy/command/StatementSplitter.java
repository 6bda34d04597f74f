package io.shardgate.proxy.command;

import io.shardgate.sql.lex.SqlLexer;

/**
 * Walks the statements of one COM_QUERY text, split at top-level semicolons as a MySQL server splits a
 * multi-statement query: semicolons inside string literals ({@code '...'}, {@code "..."}), quoted identifiers
 * ({@code `...`}) and comments ({@code -- }, {@code #}, {@code /* *}{@code /}, including {@code /*!} and
 * {@code /*+} hints) do not end a statement. Statements holding only whitespace and comments (a trailing semicolon,
 * {@code ;;}) are skipped; an executable comment ({@code /*!40101 SET NAMES utf8 *}{@code /}, as dumps write) is a
 * statement. Each statement keeps its leading comments, which may be hints for the engine.
 * An unterminated literal or comment runs to the end of the text, where the engine reports it.
 */
final class StatementSplitter {
    private final String sql;
    private final boolean backslashEscapes;
    private int position;

    /** {@code backslashEscapes}: whether a backslash escapes the next character in string literals. */
    StatementSplitter(String sql, boolean backslashEscapes) {
        this.sql = sql;
        this.backslashEscapes = backslashEscapes;
    }

    /** The next non-empty statement, without its semicolon and surrounding whitespace; null when none is left. */
    String next() {
        while (position < sql.length()) {
            int start = position;
            int end = endOfStatement(start);
            position = end + 1;
            if (firstSignificant(start) < end) {
                return sql.substring(start, end).strip();
            }
        }
        return null;
    }

    /** True when a non-empty statement follows those {@link #next()} returned. */
    boolean hasNext() {
        return firstSignificant(position) < sql.length();
    }

    /** Where the next non-empty statement begins (the text's length when none follows). */
    int nextOffset() {
        return firstSignificant(position);
    }

    /** The offset of the top-level semicolon ending the statement that starts at {@code from}, or the length. */
    private int endOfStatement(int from) {
        int n = sql.length();
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                return i;
            } else if (c == '\'' || c == '"') {
                i = endOfQuoted(i, backslashEscapes);
            } else if (c == '`') {
                i = endOfQuoted(i, false);
            } else if (startsComment(i)) {
                i = endOfComment(i);
            } else {
                i++;
            }
        }
        return n;
    }

    /** The offset of the first character from {@code from} on that is not whitespace, a plain comment or ';'. */
    private int firstSignificant(int from) {
        int n = sql.length();
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (startsComment(i) && !startsExecutableComment(i)) {
                i = endOfComment(i);
            } else {
                return i;
            }
        }
        return n;
    }

    private boolean startsComment(int i) {
        char c = sql.charAt(i);
        if (c == '#') {
            return true;
        }
        if (i + 1 >= sql.length()) {
            return false;
        }
        char d = sql.charAt(i + 1);
        if (c == '/' && d == '*') {
            return true;
        }
        // MySQL wants whitespace or a control character after "--": "1--1" is arithmetic
        return c == '-' && d == '-' && (i + 2 == sql.length() || sql.charAt(i + 2) <= ' ');
    }

    /** {@code /*!...*}{@code /} (MariaDB: {@code /*M!...*}{@code /}) is code that MySQL runs, not empty text. */
    private boolean startsExecutableComment(int i) {
        return sql.startsWith("/*!", i) || sql.startsWith("/*M!", i);
    }

    /** The offset after a comment starting at {@code start}: after its {@code *}{@code /} or its line. */
    private int endOfComment(int start) {
        if (sql.charAt(start) == '/') {
            int close = sql.indexOf("*/", start + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        int newline = sql.indexOf('\n', start);
        return newline < 0 ? sql.length() : newline + 1;
    }

    /** The offset after the closing quote of a literal starting at {@code start}, or the end of an unclosed one. */
    private int endOfQuoted(int start, boolean escapes) {
        int end = SqlLexer.quotedRunEnd(sql, start, sql.charAt(start), escapes);
        return end < 0 ? sql.length() : end;
    }
}
