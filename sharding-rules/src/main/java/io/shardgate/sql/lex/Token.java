package io.shardgate.sql.lex;

/** A token as a span of the original text; no substring is made until someone asks for the text. */
public record Token(TokenType type, int start, int end) {

    public String text(String sql) {
        return sql.substring(start, end);
    }

    /** Case-insensitive keyword comparison without allocating. */
    public boolean isWord(String sql, String keyword) {
        return type == TokenType.WORD && end - start == keyword.length()
                && sql.regionMatches(true, start, keyword, 0, keyword.length());
    }

    public boolean isPunct(String sql, char c) {
        return type == TokenType.PUNCT && end - start == 1 && sql.charAt(start) == c;
    }

    public boolean isSignificant() {
        return type != TokenType.COMMENT && type != TokenType.HINT_COMMENT;
    }
}
