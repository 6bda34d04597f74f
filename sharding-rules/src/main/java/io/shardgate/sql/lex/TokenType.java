package io.shardgate.sql.lex;

/** Lexical classes the pre-classifier and the literal normalizer need; finer grammar is Calcite's job. */
public enum TokenType {
    WORD,            // keyword or unquoted identifier
    QUOTED_IDENT,    // `name`
    STRING,          // 'text' or "text" (MySQL treats double quotes as strings by default)
    NUMBER,          // 12, 1.5, 1e3
    HEX,             // 0x1F, X'1F', b'01' (kept verbatim: they are bit patterns, not numbers)
    MARKER,          // ?
    PUNCT,           // any other single character, or a two-character operator
    HINT_COMMENT,    // /*+ ... */ and /*! ... */ (meaningful to MySQL, kept verbatim)
    COMMENT          // -- ..., # ..., /* ... */
}
