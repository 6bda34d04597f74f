package io.shardgate.sql.parse;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The SQL dialect applications speak to Shardgate: the backends' own. It decides how identifiers are quoted
 * (backticks for MySQL, double quotes for PostgreSQL) both when parsing and when we write physical names.
 */
public enum Dialect {
    MYSQL('`', SqlParser.config().withLex(Lex.MYSQL).withConformance(SqlConformanceEnum.MYSQL_5)),
    POSTGRESQL('"', SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT));

    private final char identifierQuote;
    private final SqlParser.Config parserConfig;

    Dialect(char identifierQuote, SqlParser.Config parserConfig) {
        this.identifierQuote = identifierQuote;
        this.parserConfig = parserConfig;
    }

    public char identifierQuote() {
        return identifierQuote;
    }

    SqlParser.Config parserConfig() {
        return parserConfig;
    }

    public String quote(String identifier) {
        return identifierQuote + identifier + identifierQuote;
    }

    /** The dialect of a backend JDBC URL: PostgreSQL for {@code jdbc:postgresql:}, MySQL otherwise. */
    public static Dialect ofJdbcUrl(String url) {
        return url.startsWith("jdbc:postgresql:") ? POSTGRESQL : MYSQL;
    }
}
