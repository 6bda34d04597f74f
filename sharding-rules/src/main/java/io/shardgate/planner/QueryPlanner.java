package io.shardgate.planner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardgate.config.ShardingRules;
import io.shardgate.rewrite.GeneratedKeyInsert;
import io.shardgate.route.DdlRouter;
import io.shardgate.route.MergePlan;
import io.shardgate.route.Opcode;
import io.shardgate.route.RoutePlan;
import io.shardgate.route.Router;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.analyze.InsertShape;
import io.shardgate.sql.analyze.StatementAnalysis;
import io.shardgate.sql.analyze.StatementAnalyzer;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.PreparedText;
import io.shardgate.sql.parse.SqlSyntaxException;
import io.shardgate.sql.parse.StatementPreprocessor;
import io.shardgate.sql.parse.UnsupportedSqlException;

import java.util.List;

/**
 * The one entry to the engine's pure half, shared by the driver, the proxy and the resharding tool:
 * parse -> analyze -> route -> rewrite. Analyses are cached by the normalized statement text (literals replaced
 * by markers), so {@code WHERE id = 1} and {@code WHERE id = 2} share one; the literal values still route each
 * statement. One planner serves one rules version.
 */
public final class QueryPlanner {

    private static final String PREVIEW = "PREVIEW";

    private final ShardingRules rules;
    private final Dialect dialect;
    private final StatementAnalyzer analyzer;
    private final Router router;
    private final DdlRouter ddlRouter;
    private final Cache<String, Object> analyses;
    private final boolean anyKeyGenerator;
    /**
     * Statements without literals by their exact text, so a prepared statement executed again skips the lexer
     * too. Statements with literals are not kept here: their texts vary without bound.
     */
    private final Cache<String, ExactStatement> exactStatements;

    private record ExactStatement(PreparedText text, StatementAnalysis analysis) {
    }

    public QueryPlanner(ShardingRules rules, Dialect dialect) {
        this(rules, dialect, 10_000);
    }

    /** {@code cacheSize} 0 disables the analysis cache (every statement is parsed; for benchmarks). */
    public QueryPlanner(ShardingRules rules, Dialect dialect, long cacheSize) {
        this.rules = rules;
        this.dialect = dialect;
        this.analyzer = new StatementAnalyzer(rules, dialect);
        this.router = new Router(rules, dialect);
        this.ddlRouter = new DdlRouter(rules, dialect);
        this.anyKeyGenerator = rules.tables().values().stream().anyMatch(t -> t.keyGenerator() != null);
        this.analyses = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.exactStatements = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    public ShardingRules rules() {
        return rules;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Plans one statement for the given parameter values (0-based, as bound by the caller).
     *
     * @throws SqlSyntaxException for SQL that does not parse
     * @throws io.shardgate.sql.parse.UnsupportedSqlException for a statement that cannot be routed correctly
     * @throws io.shardgate.algorithm.ShardingException for a write whose key no shard owns
     */
    public RoutePlan plan(String sql, List<?> params) {
        if (exactStatements != null) {
            ExactStatement exact = exactStatements.getIfPresent(sql);
            if (exact != null) {
                return router.route(exact.analysis(), exact.text(), params);
            }
        }
        PreparedText text = StatementPreprocessor.prepare(sql, dialect);
        StatementKind kind = text.kind();
        if (kind == StatementKind.PREVIEW) {
            int at = sql.toUpperCase(java.util.Locale.ROOT).indexOf(PREVIEW) + PREVIEW.length();
            RoutePlan inner = plan(sql.substring(at).trim(), params);
            return new RoutePlan(inner.opcode(), StatementKind.PREVIEW, inner.units(), inner.merge(), false, false);
        }
        if (kind.isQueryOrDml()) {
            StatementAnalysis analysis;
            try {
                analysis = analysis(text);
            } catch (SqlSyntaxException e) {
                if (kind == StatementKind.SELECT && !namesRuledTable(text)) {
                    // e.g. SELECT @@version_comment: Calcite lacks MySQL's variables; no table means no routing
                    return new RoutePlan(Opcode.UNSHARDED, kind,
                            List.of(Router.passThrough(rules.defaultDataSource(), text)), MergePlan.CONCAT, false,
                            text.flags().primaryHint());
                }
                throw e;
            }
            if (exactStatements != null && text.literalStarts().length == 0) {
                // no literals: the same text (a prepared statement's) always yields this text and analysis
                exactStatements.put(sql, new ExactStatement(text, analysis));
            }
            return router.route(analysis, text, params);
        }
        if (kind.isTableDdl()) {
            return ddlRouter.route(text);
        }
        if (kind == StatementKind.OTHER || kind == StatementKind.OTHER_DDL) {
            throw new UnsupportedSqlException("statement '" + firstWords(sql) + "'",
                    "Shardgate routes SELECT, INSERT, REPLACE, UPDATE, DELETE, table and index DDL, and session "
                            + "statements; run other statements directly on the shards");
        }
        return new RoutePlan(Opcode.SESSION, kind, List.of(), MergePlan.CONCAT, kind.writes(),
                text.flags().primaryHint());
    }

    /**
     * For an {@code INSERT} / {@code REPLACE ... VALUES} that omits its table's key-generator column: how to add the
     * column and one key per row; null for every other statement. The caller generates the keys and plans
     * {@link GeneratedKeyInsert#sql()} with {@link GeneratedKeyInsert#parameters}. Throws what {@link #plan} would
     * for a statement that cannot be analyzed.
     */
    public GeneratedKeyInsert generatedKeyInsert(String sql) {
        if (!anyKeyGenerator) {
            return null; // the common case costs no second look at the statement
        }
        PreparedText text = StatementPreprocessor.prepare(sql, dialect);
        if (text.kind() != StatementKind.INSERT && text.kind() != StatementKind.REPLACE) {
            return null;
        }
        InsertShape insert = analysis(text).insert();
        return insert == null || insert.generatedColumn() == null ? null
                : GeneratedKeyInsert.of(text, insert, dialect);
    }

    /** True when any word of the statement is the name of a sharded or broadcast table. */
    private boolean namesRuledTable(PreparedText text) {
        String sql = text.original();
        for (Token t : SqlLexer.tokenize(sql, dialect)) {
            if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT) {
                String name = (t.type() == TokenType.WORD ? t.text(sql) : SqlLexer.unquote(sql, t, dialect))
                        .toLowerCase(java.util.Locale.ROOT);
                if (rules.table(name).isPresent() || rules.broadcast(name).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Number of cached statement shapes (for tests and metrics). */
    long cachedShapes() {
        if (analyses == null) {
            return 0;
        }
        analyses.cleanUp();
        return analyses.estimatedSize();
    }

    private static String firstWords(String sql) {
        String t = sql.strip();
        int cut = 0;
        for (int words = 0; cut < t.length() && words < 2; words++) {
            while (cut < t.length() && !Character.isWhitespace(t.charAt(cut))) {
                cut++;
            }
            while (words == 0 && cut < t.length() && Character.isWhitespace(t.charAt(cut))) {
                cut++;
            }
        }
        return t.substring(0, cut);
    }

    private StatementAnalysis analysis(PreparedText text) {
        if (analyses == null) {
            return analyzer.analyze(text);
        }
        Object cached = analyses.getIfPresent(text.cacheKey());
        if (cached instanceof StatementAnalysis a) {
            return a;
        }
        if (cached instanceof RuntimeException refusal) {
            throw refusal;
        }
        StatementAnalysis a;
        try {
            a = analyzer.analyze(text);
        } catch (SqlSyntaxException e) {
            throw e; // not cached: a syntax error is cheap to find again and should not fill the cache
        } catch (RuntimeException refusal) {
            analyses.put(text.cacheKey(), refusal);
            throw refusal;
        }
        analyses.put(text.cacheKey(), a);
        return a;
    }
}
