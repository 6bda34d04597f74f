package io.shardgate.planner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardgate.config.ShardingRules;
import io.shardgate.route.DdlRouter;
import io.shardgate.route.MergePlan;
import io.shardgate.route.Opcode;
import io.shardgate.route.RoutePlan;
import io.shardgate.route.Router;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.analyze.StatementAnalysis;
import io.shardgate.sql.analyze.StatementAnalyzer;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.PreparedText;
import io.shardgate.sql.parse.SqlSyntaxException;
import io.shardgate.sql.parse.StatementPreprocessor;

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

    public QueryPlanner(ShardingRules rules, Dialect dialect) {
        this(rules, dialect, 10_000);
    }

    public QueryPlanner(ShardingRules rules, Dialect dialect, long cacheSize) {
        this.rules = rules;
        this.dialect = dialect;
        this.analyzer = new StatementAnalyzer(rules, dialect);
        this.router = new Router(rules, dialect);
        this.ddlRouter = new DdlRouter(rules, dialect);
        this.analyses = Caffeine.newBuilder().maximumSize(cacheSize).build();
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
        PreparedText text = StatementPreprocessor.prepare(sql, dialect);
        StatementKind kind = text.kind();
        if (kind == StatementKind.PREVIEW) {
            int at = sql.toUpperCase(java.util.Locale.ROOT).indexOf(PREVIEW) + PREVIEW.length();
            RoutePlan inner = plan(sql.substring(at), params);
            return new RoutePlan(inner.opcode(), StatementKind.PREVIEW, inner.units(), inner.merge(), false, false);
        }
        if (kind.isQueryOrDml()) {
            return router.route(analysis(text), text, params);
        }
        if (kind.isTableDdl()) {
            return ddlRouter.route(text);
        }
        return new RoutePlan(Opcode.SESSION, kind, List.of(), MergePlan.CONCAT, kind.writes(),
                text.flags().primaryHint());
    }

    private StatementAnalysis analysis(PreparedText text) {
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
