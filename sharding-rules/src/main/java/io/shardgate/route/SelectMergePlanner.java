package io.shardgate.route;

import io.shardgate.config.TableRule;
import io.shardgate.rewrite.Edit;
import io.shardgate.sql.analyze.SelectShape;
import io.shardgate.sql.analyze.Span;
import io.shardgate.sql.analyze.StatementAnalysis;
import io.shardgate.sql.analyze.ValueRef;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.PreparedText;
import io.shardgate.sql.parse.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans a SELECT that runs on several shards: the rewrites each shard's SQL needs (AVG as SUM plus COUNT,
 * derived sort and group columns, {@code LIMIT o,n} as {@code LIMIT o+n}) and the matching {@link MergePlan}.
 * Refuses what cannot be merged exactly.
 */
final class SelectMergePlanner {

    /** The edits every shard's SQL gets, and how to merge the results. */
    record Planned(List<Edit> edits, MergePlan merge) {
    }

    private final StatementAnalysis analysis;
    private final SelectShape shape;
    private final PreparedText text;
    private final List<Object> values;

    SelectMergePlanner(StatementAnalysis analysis, PreparedText text, List<Object> values, Dialect dialect) {
        this.analysis = analysis;
        this.shape = analysis.select();
        this.text = text;
        this.values = values;
    }

    Planned plan() {
        if (shape.unmergeable() != null) {
            throw new UnsupportedSqlException(shape.unmergeable() + " across shards",
                    "its partial results cannot be combined exactly; add a shard-key condition so the query "
                            + "runs on one shard");
        }
        List<Edit> edits = new ArrayList<>();
        boolean groupsLocal = shape.aggregated() && groupsByShardKey();
        boolean crossAggregate = shape.aggregated() && !groupsLocal;
        List<MergePlan.AggregateColumn> aggregates = new ArrayList<>();
        if (crossAggregate) {
            if (shape.having() != null) {
                throw new UnsupportedSqlException("HAVING across shards",
                        "groups are combined from several shards after the shards filter them; add the shard "
                                + "key to GROUP BY, or filter the groups in the application");
            }
            for (int i = 0; i < shape.items().size(); i++) {
                addAggregate(shape.items().get(i), i, aggregates, edits);
            }
            int d = shape.derived().size();
            for (int j = 0; j < d; j++) {
                addAggregate(shape.derived().get(j), -(d - j), aggregates, edits);
            }
        }
        if (!shape.derived().isEmpty()) {
            edits.add(new Edit(text.toOriginal(shape.appendAt()), text.toOriginal(shape.appendAt()), r -> {
                for (SelectShape.SelectItem item : shape.derived()) {
                    r.append(", ");
                    if (item.aggregate() == SelectShape.Aggregate.COUNT && item.call() == null) {
                        // the COUNT that accompanies an AVG
                        r.append("COUNT(");
                        r.copy(text.toOriginal(item.argument().start()), text.toOriginal(item.argument().end()));
                        r.append(")");
                    } else {
                        r.copy(text.toOriginal(item.span().start()), text.toOriginal(item.span().end()));
                    }
                }
            }));
        }
        long offset = 0;
        long limit = -1;
        SelectShape.LimitClause clause = shape.limit();
        if (clause != null) {
            offset = clause.offset() == null ? 0 : toLong(clause.offset(), "OFFSET");
            limit = clause.count() == null ? -1 : toLong(clause.count(), "LIMIT");
            Span span = clause.span();
            String pushed = crossAggregate || limit < 0 ? "" : "LIMIT " + (offset + limit);
            edits.add(Edit.replace(text.toOriginal(span.start()), text.toOriginal(span.end()), pushed));
        }
        List<MergePlan.SortKey> sort = shape.orderBy().stream()
                .map(o -> new MergePlan.SortKey(o.column(), o.descending())).toList();
        MergePlan merge = new MergePlan(sort, crossAggregate, crossAggregate ? shape.groupBy() : List.of(),
                aggregates, shape.distinct(), offset, limit, shape.derived().size());
        return new Planned(edits, merge);
    }

    private void addAggregate(SelectShape.SelectItem item, int column, List<MergePlan.AggregateColumn> out,
                              List<Edit> edits) {
        if (item.aggregate() == null) {
            return;
        }
        if (item.distinctAggregate()) {
            boolean countOfKey = item.aggregate() == SelectShape.Aggregate.COUNT && shape.groupBy().isEmpty()
                    && isShardKey(normalized(item.argument()));
            if (!countOfKey) {
                throw new UnsupportedSqlException(item.aggregate() + "(DISTINCT ...) across shards",
                        "the same value may be counted on several shards; it is exact only for COUNT(DISTINCT "
                                + "shard key) without GROUP BY");
            }
        }
        switch (item.aggregate()) {
            case COUNT -> out.add(new MergePlan.AggregateColumn(column, MergePlan.Function.COUNT, 0));
            case SUM -> out.add(new MergePlan.AggregateColumn(column, MergePlan.Function.SUM, 0));
            case MIN -> out.add(new MergePlan.AggregateColumn(column, MergePlan.Function.MIN, 0));
            case MAX -> out.add(new MergePlan.AggregateColumn(column, MergePlan.Function.MAX, 0));
            case AVG -> {
                out.add(new MergePlan.AggregateColumn(column, MergePlan.Function.AVG, item.countColumn()));
                int start = text.toOriginal(item.call().start());
                edits.add(Edit.replace(start, start + 3, "SUM"));
            }
        }
    }

    private boolean groupsByShardKey() {
        for (String g : shape.groupByTexts()) {
            if (isShardKey(g)) {
                return true;
            }
        }
        return false;
    }

    private boolean isShardKey(String normalizedExpr) {
        for (TableRule rule : analysis.shardedRules()) {
            if (rule.shardColumns().size() != 1) {
                continue;
            }
            String key = rule.shardColumns().get(0);
            if (normalizedExpr.equals(key) || normalizedExpr.endsWith("." + key)) {
                return true;
            }
        }
        return false;
    }

    private String normalized(Span s) {
        StringBuilder sb = new StringBuilder();
        String k = text.cacheKey();
        for (int i = s.start(); i < s.end(); i++) {
            char c = k.charAt(i);
            if (!Character.isWhitespace(c) && c != '`' && c != '"') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private long toLong(ValueRef ref, String clause) {
        Object v = ref.resolve(values);
        if (v instanceof Number n && n.longValue() >= 0) {
            return n.longValue();
        }
        if (v instanceof String s && s.trim().matches("\\d+")) {
            return Long.parseLong(s.trim());
        }
        throw new UnsupportedSqlException(clause + " value " + v, "it must be a non-negative integer");
    }
}
