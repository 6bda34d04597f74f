package io.shardgate.sql.parse;

import io.shardgate.sql.StatementKind;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pre-classifier: one lexer pass that names the statement kind, normalizes literals for the plan cache and
 * prepares the text Calcite parses. MySQL constructs Calcite's grammar lacks ({@code INSERT IGNORE},
 * {@code REPLACE}, {@code ON DUPLICATE KEY UPDATE}, locking reads, select modifiers, DML {@code LIMIT}) are
 * blanked in Calcite's copy and recorded as flags, so they are handled on purpose and survive in the SQL sent
 * to the shards (which is always spliced from the original text).
 */
public final class StatementPreprocessor {

    private static final String PRIMARY_HINT = "shardgate:primary";

    private StatementPreprocessor() {
    }

    public static PreparedText prepare(String sql, Dialect dialect) {
        List<Token> tokens = SqlLexer.tokenize(sql, dialect);
        List<Token> sig = new ArrayList<>(tokens.size());
        boolean primaryHint = false;
        for (Token t : tokens) {
            if (t.isSignificant()) {
                sig.add(t);
            } else if (t.type() == TokenType.COMMENT && t.text(sql).toLowerCase(Locale.ROOT).contains(PRIMARY_HINT)) {
                primaryHint = true;
            }
        }
        StatementKind kind = classify(sql, sig);
        if (!kind.isQueryOrDml()) {
            List<Integer> markers = new ArrayList<>();
            for (Token t : sig) {
                if (t.type() == TokenType.MARKER) {
                    markers.add(t.start());
                }
            }
            return new PreparedText(sql, kind, sql, sql, new int[0], new int[0], new int[0], new Object[0],
                    markers.size(), Builder.toArray(markers),
                    new PreparedText.Flags(primaryHint, false, false, false, -1, -1, -1));
        }
        Builder builder = new Builder(sql, dialect, sig, kind, primaryHint);
        for (Token t : tokens) {
            if (!t.isSignificant()) {
                builder.blank(t); // '#' comments and hints in odd places trip Calcite; the shards still get them
            }
        }
        return builder.build();
    }

    static StatementKind classify(String sql, List<Token> sig) {
        if (sig.isEmpty()) {
            return StatementKind.EMPTY;
        }
        Token first = sig.get(0);
        if (first.isPunct(sql, '(')) {
            return StatementKind.SELECT;
        }
        if (first.type() != TokenType.WORD) {
            return StatementKind.OTHER;
        }
        Token second = sig.size() > 1 ? sig.get(1) : null;
        String w = first.text(sql).toUpperCase();
        switch (w) {
            case "SELECT", "WITH", "VALUES", "TABLE":
                return StatementKind.SELECT;
            case "INSERT":
                return StatementKind.INSERT;
            case "REPLACE":
                return StatementKind.REPLACE;
            case "UPDATE":
                return StatementKind.UPDATE;
            case "DELETE":
                return StatementKind.DELETE;
            case "BEGIN":
                return StatementKind.BEGIN;
            case "START":
                return second != null && second.isWord(sql, "TRANSACTION") ? StatementKind.BEGIN : StatementKind.OTHER;
            case "COMMIT":
                return StatementKind.COMMIT;
            case "ROLLBACK":
                for (int i = 1; i < sig.size(); i++) {
                    if (sig.get(i).isWord(sql, "TO")) {
                        return StatementKind.ROLLBACK_TO_SAVEPOINT;
                    }
                }
                return StatementKind.ROLLBACK;
            case "SAVEPOINT":
                return StatementKind.SAVEPOINT;
            case "RELEASE":
                return StatementKind.RELEASE_SAVEPOINT;
            case "SET":
                return StatementKind.SET;
            case "USE":
                return StatementKind.USE;
            case "SHOW":
                return StatementKind.SHOW;
            case "DESCRIBE", "DESC":
                return StatementKind.DESCRIBE;
            case "EXPLAIN":
                return StatementKind.EXPLAIN;
            case "PREVIEW":
                return StatementKind.PREVIEW;
            case "TRUNCATE":
                return StatementKind.TRUNCATE;
            case "CREATE":
                return classifyCreate(sql, sig);
            case "ALTER":
                return second != null && second.isWord(sql, "TABLE") ? StatementKind.ALTER_TABLE : StatementKind.OTHER_DDL;
            case "DROP":
                if (second != null && second.isWord(sql, "TABLE")) {
                    return StatementKind.DROP_TABLE;
                }
                return second != null && second.isWord(sql, "INDEX") ? StatementKind.DROP_INDEX : StatementKind.OTHER_DDL;
            case "RENAME":
                return StatementKind.OTHER_DDL;
            default:
                return StatementKind.OTHER;
        }
    }

    private static StatementKind classifyCreate(String sql, List<Token> sig) {
        for (int i = 1; i < Math.min(sig.size(), 4); i++) {
            Token t = sig.get(i);
            if (t.isWord(sql, "TABLE")) {
                return StatementKind.CREATE_TABLE;
            }
            if (t.isWord(sql, "INDEX")) {
                return StatementKind.CREATE_INDEX;
            }
            if (!(t.isWord(sql, "UNIQUE") || t.isWord(sql, "FULLTEXT") || t.isWord(sql, "SPATIAL")
                    || t.isWord(sql, "TEMPORARY") || t.isWord(sql, "OR") || t.isWord(sql, "REPLACE"))) {
                break;
            }
        }
        return StatementKind.OTHER_DDL;
    }

    /** Builds the normalized key, Calcite's padded copy and the value slots in one pass over the tokens. */
    private static final class Builder {
        private final String sql;
        private final Dialect dialect;
        private final List<Token> sig;
        private final StatementKind kind;
        private final boolean primaryHint;
        private final char[] calcite;
        private final StringBuilder key;
        private final List<Integer> litStarts = new ArrayList<>();
        private final List<Integer> litEnds = new ArrayList<>();
        private final List<Integer> slotUser = new ArrayList<>();
        private final List<Object> slotLiteral = new ArrayList<>();
        private final List<Integer> userMarkers = new ArrayList<>();
        private int userParams;
        private int keyCopiedUpTo;

        Builder(String sql, Dialect dialect, List<Token> sig, StatementKind kind, boolean primaryHint) {
            this.sql = sql;
            this.dialect = dialect;
            this.sig = sig;
            this.kind = kind;
            this.primaryHint = primaryHint;
            this.calcite = sql.toCharArray();
            this.key = new StringBuilder(sql.length());
        }

        PreparedText build() {
            boolean lockingRead = false;
            boolean insertIgnore = false;
            int onDuplicate = -1;
            int dmlLimit = -1;
            int firstTailParam = -1;
            int last = sig.size() - 1;
            if (last >= 0 && sig.get(last).isPunct(sql, ';')) {
                blank(sig.get(last));
                last--;
            }
            if (kind == StatementKind.REPLACE) {
                "INSERT ".getChars(0, 7, calcite, sig.get(0).start());
            }
            if (kind.isDml()) {
                // modifiers between the verb and INTO/FROM/the table
                for (int i = 1; i <= last; i++) {
                    Token t = sig.get(i);
                    if (t.isWord(sql, "IGNORE")) {
                        insertIgnore = true;
                        blank(t);
                    } else if (t.isWord(sql, "LOW_PRIORITY") || t.isWord(sql, "DELAYED")
                            || t.isWord(sql, "HIGH_PRIORITY") || t.isWord(sql, "QUICK")) {
                        blank(t);
                    } else {
                        break;
                    }
                }
            }
            if (kind == StatementKind.INSERT || kind == StatementKind.REPLACE) {
                int at = findTopLevelSequence(0, last, "ON", "DUPLICATE", "KEY", "UPDATE");
                if (at >= 0) {
                    onDuplicate = sig.get(at).start();
                }
            }
            if (kind == StatementKind.UPDATE || kind == StatementKind.DELETE) {
                int at = findTopLevelWord(last, "LIMIT");
                int orderAt = findTopLevelSequence(0, last, "ORDER", "BY");
                if (orderAt >= 0 && (at < 0 || orderAt < at)) {
                    at = orderAt;
                }
                if (at >= 0) {
                    dmlLimit = sig.get(at).start();
                }
            }
            if (kind == StatementKind.SELECT) {
                for (int i = 1; i <= last; i++) {
                    Token t = sig.get(i);
                    if (t.isWord(sql, "SQL_NO_CACHE") || t.isWord(sql, "SQL_CACHE") || t.isWord(sql, "HIGH_PRIORITY")
                            || t.isWord(sql, "STRAIGHT_JOIN") || t.isWord(sql, "SQL_SMALL_RESULT")
                            || t.isWord(sql, "SQL_BIG_RESULT") || t.isWord(sql, "SQL_BUFFER_RESULT")) {
                        blank(t);
                    } else if (sig.get(i - 1).isWord(sql, "SELECT") && t.isWord(sql, "SQL_CALC_FOUND_ROWS")) {
                        throw new UnsupportedSqlException("SQL_CALC_FOUND_ROWS",
                                "FOUND_ROWS() cannot be computed across shards; run a separate COUNT(*) instead");
                    }
                }
                int lock = findTopLevelSequence(0, last, "FOR", "UPDATE");
                if (lock < 0) {
                    lock = findTopLevelSequence(0, last, "FOR", "SHARE");
                }
                if (lock < 0) {
                    lock = findTopLevelSequence(0, last, "LOCK", "IN", "SHARE", "MODE");
                }
                if (lock >= 0) {
                    lockingRead = true;
                    blankRange(sig.get(lock).start(), sig.get(last).end());
                    last = lock - 1;
                }
            }
            int tailStart = onDuplicate >= 0 ? onDuplicate : dmlLimit;
            normalizeLiterals(last);
            if (tailStart >= 0) {
                // Count user markers before the tail: those after it are bound by position but unseen by Calcite.
                int before = 0;
                for (Token t : sig) {
                    if (t.type() == TokenType.MARKER && t.start() < tailStart) {
                        before++;
                    }
                }
                firstTailParam = before;
                blankRange(tailStart, sig.get(last).end());
            }
            key.append(sql, keyCopiedUpTo, sql.length());
            return new PreparedText(sql, kind, key.toString(), new String(calcite), toArray(litStarts),
                    toArray(litEnds), toArray(slotUser), slotLiteral.toArray(), userParams, toArray(userMarkers),
                    new PreparedText.Flags(primaryHint, lockingRead, insertIgnore, kind == StatementKind.REPLACE,
                            onDuplicate, dmlLimit, firstTailParam));
        }

        private void normalizeLiterals(int last) {
            int depth = 0;
            int byClauseDepth = -1;
            for (int i = 0; i <= last; i++) {
                Token t = sig.get(i);
                Token prev = i > 0 ? sig.get(i - 1) : null;
                switch (t.type()) {
                    case PUNCT -> {
                        if (t.isPunct(sql, '(')) {
                            depth++;
                        } else if (t.isPunct(sql, ')')) {
                            depth--;
                            if (depth < byClauseDepth) {
                                byClauseDepth = -1;
                            }
                        }
                    }
                    case WORD -> {
                        if (t.isWord(sql, "BY") && prev != null && (prev.isWord(sql, "ORDER") || prev.isWord(sql, "GROUP"))) {
                            byClauseDepth = depth;
                        } else if (depth == byClauseDepth && isClauseEnd(t)) {
                            byClauseDepth = -1;
                        }
                    }
                    case MARKER -> {
                        userMarkers.add(t.start());
                        slotUser.add(userParams++);
                        slotLiteral.add(null);
                    }
                    case NUMBER, STRING, HEX -> {
                        if (keepVerbatim(t, prev, depth == byClauseDepth)) {
                            continue;
                        }
                        Object value = literalValue(t);
                        if (value == null) {
                            continue;
                        }
                        litStarts.add(t.start());
                        litEnds.add(t.end());
                        slotUser.add(-1);
                        slotLiteral.add(value);
                        key.append(sql, keyCopiedUpTo, t.start()).append('?');
                        keyCopiedUpTo = t.end();
                        calcite[t.start()] = '?';
                        for (int k = t.start() + 1; k < t.end(); k++) {
                            calcite[k] = ' ';
                        }
                    }
                    default -> {
                    }
                }
            }
            // markers in a blanked locking clause are still user parameters bound by position
            for (int i = last + 1; i < sig.size(); i++) {
                if (sig.get(i).type() == TokenType.MARKER) {
                    userMarkers.add(sig.get(i).start());
                    userParams++;
                }
            }
        }

        private boolean isClauseEnd(Token t) {
            return t.isWord(sql, "LIMIT") || t.isWord(sql, "HAVING") || t.isWord(sql, "UNION")
                    || t.isWord(sql, "OFFSET") || t.isWord(sql, "FETCH") || t.isWord(sql, "WINDOW")
                    || t.isWord(sql, "ORDER") || t.isWord(sql, "FOR") || t.isWord(sql, "LOCK");
        }

        /** Literals whose exact text the grammar needs: ordinals, typed literals, charset introducers. */
        private boolean keepVerbatim(Token t, Token prev, boolean inByClause) {
            if (prev == null) {
                return false;
            }
            if (inByClause && t.type() == TokenType.NUMBER && (prev.isWord(sql, "BY") || prev.isPunct(sql, ','))) {
                return true;
            }
            if (prev.type() == TokenType.WORD) {
                if (prev.isWord(sql, "DATE") || prev.isWord(sql, "TIME") || prev.isWord(sql, "TIMESTAMP")
                        || prev.isWord(sql, "INTERVAL") || prev.isWord(sql, "COLLATE") || prev.isWord(sql, "ESCAPE")
                        || sql.charAt(prev.start()) == '_') {
                    return true;
                }
            }
            if (prev.type() == TokenType.STRING && t.type() == TokenType.STRING) {
                return true; // 'a' 'b' concatenation
            }
            return prev.isWord(sql, "INTERVAL") || prev.isPunct(sql, '.');
        }

        private Object literalValue(Token t) {
            if (t.type() == TokenType.STRING) {
                return SqlLexer.unquote(sql, t, dialect);
            }
            if (t.type() == TokenType.HEX) {
                return hexValue(t.text(sql));
            }
            String text = t.text(sql);
            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                return null; // floating point: exact text matters, and such keys do not route anyway
            }
            if (text.indexOf('.') >= 0) {
                return new BigDecimal(text);
            }
            if (text.length() < 19) {
                return Long.parseLong(text);
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        /** {@code 0x1F} and {@code b'101'} are numbers in a numeric context; {@code X'1F'} is a byte string. */
        private static Object hexValue(String text) {
            char c = Character.toLowerCase(text.charAt(0));
            if (c == '0') {
                BigInteger v = new BigInteger(text.substring(2), 16);
                return v.bitLength() < 64 ? (Object) v.longValue() : v;
            }
            String digits = text.substring(2, text.length() - 1);
            if (c == 'b') {
                return digits.isEmpty() ? 0L : (Object) new BigInteger(digits, 2).longValue();
            }
            byte[] bytes = new byte[digits.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }

        private int findTopLevelSequence(int from, int last, String... words) {
            int depth = 0;
            for (int i = from; i <= last; i++) {
                Token t = sig.get(i);
                if (t.isPunct(sql, '(')) {
                    depth++;
                } else if (t.isPunct(sql, ')')) {
                    depth--;
                } else if (depth == 0 && i + words.length - 1 <= last) {
                    boolean match = true;
                    for (int k = 0; k < words.length && match; k++) {
                        match = sig.get(i + k).isWord(sql, words[k]);
                    }
                    if (match) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private int findTopLevelWord(int last, String word) {
            return findTopLevelSequence(0, last, word);
        }

        void blank(Token t) {
            blankRange(t.start(), t.end());
        }

        private void blankRange(int start, int end) {
            for (int k = start; k < end; k++) {
                if (calcite[k] != '\n') {
                    calcite[k] = ' ';
                }
            }
        }

        static int[] toArray(List<Integer> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }
    }
}
