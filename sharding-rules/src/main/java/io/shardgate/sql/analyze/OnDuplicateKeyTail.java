package io.shardgate.sql.analyze;

import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;

import java.util.List;

/** Reads the assignments of an {@code ON DUPLICATE KEY UPDATE} clause, which Calcite does not parse. */
final class OnDuplicateKeyTail {

    private OnDuplicateKeyTail() {
    }

    /** True when the clause assigns {@code column} ({@code col = ...} or {@code t.col = ...} at the top level). */
    static boolean assigns(String tail, String column, Dialect dialect) {
        List<Token> tokens = SqlLexer.tokenize(tail, dialect).stream().filter(Token::isSignificant).toList();
        int depth = 0;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct(tail, '(')) {
                depth++;
            } else if (t.isPunct(tail, ')')) {
                depth--;
            } else if (depth == 0 && tokens.get(i + 1).isPunct(tail, '=') && isName(tail, t, column, dialect)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isName(String sql, Token t, String column, Dialect dialect) {
        if (t.type() == TokenType.WORD) {
            return t.text(sql).equalsIgnoreCase(column);
        }
        return t.type() == TokenType.QUOTED_IDENT && SqlLexer.unquote(sql, t, dialect).equalsIgnoreCase(column);
    }
}
