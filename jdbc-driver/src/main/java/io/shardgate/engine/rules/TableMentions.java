package io.shardgate.engine.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which of a fixed set of logical tables a statement names, by its words and quoted identifiers. Lexical on
 * purpose: it runs before planning and must never miss a table, and naming a table in some other role (a column
 * or alias of the same name) only makes a write wait for a switch it could have skipped. Answers are cached by
 * statement text, which makes re-executed prepared statements free.
 */
final class TableMentions {
    private final Set<String> tables;
    private final Dialect dialect;
    private final Cache<String, Set<String>> answers = Caffeine.newBuilder().maximumSize(10_000).build();

    /** @param tables lower-case logical table names */
    TableMentions(Set<String> tables, Dialect dialect) {
        this.tables = Set.copyOf(tables);
        this.dialect = dialect;
    }

    Set<String> tables() {
        return tables;
    }

    /** The tables of the set that {@code sql} names; empty when the set is. */
    Set<String> in(String sql) {
        if (tables.isEmpty()) {
            return Set.of();
        }
        return answers.get(sql, this::scan);
    }

    private Set<String> scan(String sql) {
        Set<String> named = new LinkedHashSet<>();
        try {
            for (Token token : SqlLexer.tokenize(sql, dialect)) {
                String word = token.type() == TokenType.WORD ? token.text(sql)
                        : token.type() == TokenType.QUOTED_IDENT ? SqlLexer.unquote(sql, token, dialect) : null;
                if (word != null) {
                    String name = word.toLowerCase(Locale.ROOT);
                    if (tables.contains(name)) {
                        named.add(name);
                    }
                }
            }
        } catch (SqlSyntaxException e) {
            return Set.copyOf(tables); // unreadable here, the planner will say why; assume the worst meanwhile
        }
        return Set.copyOf(named);
    }
}
