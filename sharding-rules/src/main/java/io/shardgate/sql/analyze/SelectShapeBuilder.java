package io.shardgate.sql.analyze;

import io.shardgate.sql.parse.LineIndex;
import io.shardgate.sql.parse.PreparedText;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Computes the {@link SelectShape} of the outermost SELECT: what merging across shards will need. */
final class SelectShapeBuilder {

    private static final Set<String> MERGEABLE = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG");
    /** Aggregates (MySQL and PostgreSQL) whose partial results cannot be combined. */
    private static final Set<String> OTHER_AGGREGATES = Set.of("GROUP_CONCAT", "STD", "STDDEV", "STDDEV_POP",
            "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR", "JSON_ARRAYAGG",
            "JSON_OBJECTAGG", "STRING_AGG", "ARRAY_AGG", "BOOL_AND", "BOOL_OR", "EVERY", "LISTAGG", "MEDIAN",
            "PERCENTILE_CONT", "PERCENTILE_DISC", "MODE");

    private static final int DERIVED = -1_000_000;

    private final PreparedText text;
    private final LineIndex lines;
    private final List<SelectShape.SelectItem> items = new ArrayList<>();
    private final List<SelectShape.SelectItem> derived = new ArrayList<>();
    private String unmergeable;
    private boolean nestedAggregate;
    private int firstStar = Integer.MAX_VALUE;

    SelectShapeBuilder(PreparedText text, LineIndex lines) {
        this.text = text;
        this.lines = lines;
    }

    SelectShape build(SqlSelect sel, SqlNodeList orderList, SqlNode offset, SqlNode fetch) {
        boolean anyAggregate = false;
        SqlNodeList selectList = sel.getSelectList();
        for (int i = 0; i < selectList.size(); i++) {
            SqlNode node = selectList.get(i);
            String alias = null;
            SqlNode expr = node;
            if (node.getKind() == SqlKind.AS) {
                expr = ((SqlCall) node).operand(0);
                alias = ((SqlIdentifier) ((SqlCall) node).operand(1)).getSimple().toLowerCase(Locale.ROOT);
            }
            if (expr instanceof SqlIdentifier id && id.isStar()) {
                firstStar = Math.min(firstStar, i);
            }
            SelectShape.SelectItem item = item(node, expr, alias);
            anyAggregate |= item.aggregate() != null;
            items.add(item);
        }
        List<Integer> groupBy = new ArrayList<>();
        List<String> groupTexts = new ArrayList<>();
        if (sel.getGroup() != null) {
            for (SqlNode g : sel.getGroup()) {
                groupBy.add(resolve(g));
                groupTexts.add(normalized(span(g)));
            }
        }
        List<SelectShape.SortItem> orderBy = new ArrayList<>();
        if (orderList != null) {
            for (SqlNode o : orderList) {
                boolean desc = false;
                SqlNode e = o;
                while (e.getKind() == SqlKind.DESCENDING || e.getKind() == SqlKind.NULLS_FIRST
                        || e.getKind() == SqlKind.NULLS_LAST) {
                    if (e.getKind() == SqlKind.DESCENDING) {
                        desc = true;
                    } else {
                        unmergeable = "NULLS FIRST / NULLS LAST in ORDER BY";
                    }
                    e = ((SqlCall) e).operand(0);
                }
                orderBy.add(new SelectShape.SortItem(resolve(e), desc));
            }
        }
        boolean aggregated = anyAggregate || nestedAggregate || !groupBy.isEmpty();
        if (nestedAggregate && unmergeable == null) {
            unmergeable = "an aggregate inside an expression";
        }
        Span having = sel.getHaving() == null ? null : span(sel.getHaving());
        SelectShape.LimitClause limit = limit(offset, fetch);
        boolean hasStar = firstStar != Integer.MAX_VALUE;
        if (sel.isDistinct() && !derived.isEmpty() && unmergeable == null) {
            // the hidden column would take part in each shard's DISTINCT and let duplicates through
            unmergeable = "SELECT DISTINCT with ORDER BY or GROUP BY on a column it does not select";
        }
        if (hasStar && aggregated && unmergeable == null) {
            unmergeable = "SELECT * together with aggregates or GROUP BY";
        }
        int appendAt = text.toKey(lines.end(selectList.get(selectList.size() - 1).getParserPosition()));
        List<SelectShape.SelectItem> visible = items.stream().map(i -> i.countColumn() == 0 ? i
                : new SelectShape.SelectItem(i.span(), i.normalizedText(), i.alias(), i.aggregate(),
                        i.distinctAggregate(), i.call(), i.argument(), fixUp(i.countColumn()))).toList();
        return new SelectShape(visible, hasStar, appendAt, List.copyOf(derived), sel.isDistinct(),
                groupBy.stream().map(this::fixUp).toList(), List.copyOf(groupTexts),
                orderBy.stream().map(o -> new SelectShape.SortItem(fixUp(o.column()), o.descending())).toList(),
                aggregated, having, limit, unmergeable);
    }

    private SelectShape.SelectItem item(SqlNode node, SqlNode expr, String alias) {
        Span exprSpan = span(expr);
        SelectShape.Aggregate aggregate = null;
        boolean distinctAgg = false;
        Span argument = null;
        int countColumn = 0;
        if (expr instanceof SqlCall call && MERGEABLE.contains(name(call))) {
            aggregate = SelectShape.Aggregate.valueOf(name(call));
            distinctAgg = call.getFunctionQuantifier() != null
                    && "DISTINCT".equalsIgnoreCase(call.getFunctionQuantifier().toValue());
            List<SqlNode> ops = call.getOperandList();
            if (ops.size() > 1 && aggregate != SelectShape.Aggregate.COUNT) {
                unmergeable = aggregate + " with several arguments";
            }
            if (!ops.isEmpty()) {
                argument = new Span(span(ops.get(0)).start(), span(ops.get(ops.size() - 1)).end());
            }
            for (SqlNode op : ops) {
                checkNoAggregate(op);
            }
            if (aggregate == SelectShape.Aggregate.AVG) {
                derived.add(new SelectShape.SelectItem(argument, "count(" + normalized(argument) + ")", null,
                        SelectShape.Aggregate.COUNT, false, null, argument, 0));
                countColumn = -1; // fixed up below once the number of derived columns is known
            }
        } else {
            checkNoAggregate(expr);
        }
        SelectShape.SelectItem item = new SelectShape.SelectItem(span(node), normalized(exprSpan), alias, aggregate,
                distinctAgg, exprSpan, argument, countColumn);
        return countColumn == -1 ? withCountColumn(item, derived.size() - 1) : item;
    }

    /**
     * Derived columns are numbered while the list still grows, as {@code DERIVED - j}; once it is complete they
     * become offsets from the end of the row.
     */
    private int fixUp(int column) {
        if (column > DERIVED) {
            return column;
        }
        int j = DERIVED - column;
        return -(derived.size() - j);
    }

    /** Records the derived COUNT of an AVG by its position in the derived list (converted in {@link #fixUp}). */
    private SelectShape.SelectItem withCountColumn(SelectShape.SelectItem item, int derivedIndex) {
        return new SelectShape.SelectItem(item.span(), item.normalizedText(), item.alias(), item.aggregate(),
                item.distinctAggregate(), item.call(), item.argument(), DERIVED - derivedIndex);
    }

    private void checkNoAggregate(SqlNode node) {
        if (node instanceof SqlCall call) {
            if (call.getKind() == SqlKind.OVER) {
                unmergeable = "window function (OVER)";
                return;
            }
            String n = name(call);
            if (MERGEABLE.contains(n)) {
                nestedAggregate = true;
            } else if (OTHER_AGGREGATES.contains(n)) {
                unmergeable = "aggregate " + n;
                nestedAggregate = true;
            }
            for (SqlNode op : call.getOperandList()) {
                if (op != null && !(op instanceof SqlSelect)) {
                    checkNoAggregate(op);
                }
            }
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                checkNoAggregate(n);
            }
        }
    }

    /** Column of an ORDER BY / GROUP BY expression: a select item, or a derived column appended for it. */
    private int resolve(SqlNode e) {
        if (e instanceof SqlLiteral lit && lit.getValue() instanceof BigDecimal ordinal) {
            int k = ordinal.intValue() - 1;
            if (k < 0 || k >= items.size()) {
                unmergeable = "ORDER BY / GROUP BY position " + (k + 1) + " outside the select list";
                return 0;
            }
            if (k >= firstStar) {
                unmergeable = "ORDER BY / GROUP BY position together with *";
            }
            return k;
        }
        int limit = Math.min(items.size(), firstStar);
        if (e instanceof SqlIdentifier id && id.isSimple()) {
            String name = id.getSimple().toLowerCase(Locale.ROOT);
            for (int i = 0; i < limit; i++) {
                if (name.equals(items.get(i).alias())) {
                    return i;
                }
            }
        }
        String norm = normalized(span(e));
        for (int i = 0; i < limit; i++) {
            if (norm.equals(items.get(i).normalizedText())) {
                return i;
            }
        }
        for (int j = 0; j < derived.size(); j++) {
            if (norm.equals(derived.get(j).normalizedText())) {
                return DERIVED - j;
            }
        }
        SelectShape.Aggregate agg = null;
        Span argument = null;
        if (e instanceof SqlCall call && MERGEABLE.contains(name(call))) {
            agg = SelectShape.Aggregate.valueOf(name(call));
            if (agg == SelectShape.Aggregate.AVG) {
                unmergeable = "AVG in ORDER BY that is not in the select list";
            }
            List<SqlNode> ops = call.getOperandList();
            if (!ops.isEmpty()) {
                argument = new Span(span(ops.get(0)).start(), span(ops.get(ops.size() - 1)).end());
            }
        } else {
            checkNoAggregate(e);
        }
        Span s = span(e);
        derived.add(new SelectShape.SelectItem(s, norm, null, agg, false, s, argument, 0));
        return DERIVED - (derived.size() - 1);
    }

    private SelectShape.LimitClause limit(SqlNode offset, SqlNode fetch) {
        if (offset == null && fetch == null) {
            return null;
        }
        int start = Integer.MAX_VALUE;
        for (SqlNode n : new SqlNode[] {offset, fetch}) {
            if (n != null) {
                start = Math.min(start, lines.start(n.getParserPosition()));
            }
        }
        // LIMIT ends the outermost SELECT (locking clauses and comments are blanked in Calcite's copy)
        String t = text.calciteText();
        int end = t.length();
        while (end > start && Character.isWhitespace(t.charAt(end - 1))) {
            end--;
        }
        int keyword = keywordBefore(start);
        String word = text.calciteText().substring(keyword, Math.min(text.calciteText().length(), keyword + 6))
                .toUpperCase(Locale.ROOT);
        if (!word.startsWith("LIMIT") && !word.startsWith("OFFSET")) {
            unmergeable = "FETCH FIRST ... ROWS (use LIMIT)";
        }
        ValueRef off = offset == null ? null : KeyExtractor.valueOf(offset);
        ValueRef count = fetch == null ? null : KeyExtractor.valueOf(fetch);
        if ((offset != null && off == null) || (fetch != null && count == null)) {
            unmergeable = "LIMIT with an expression";
        }
        return new SelectShape.LimitClause(new Span(text.toKey(keyword), text.toKey(end)), off, count);
    }

    /** Start offset of the word before {@code offset} in Calcite's text (skipping spaces). */
    private int keywordBefore(int offset) {
        String t = text.calciteText();
        int i = offset - 1;
        while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(t.charAt(i))) {
            i--;
        }
        return i + 1 < end ? i + 1 : offset;
    }

    private static String name(SqlCall call) {
        return call.getOperator().getName().toUpperCase(Locale.ROOT);
    }

    private Span span(SqlNode node) {
        SqlParserPos pos = node.getParserPosition();
        return new Span(text.toKey(lines.start(pos)), text.toKey(lines.end(pos)));
    }

    /** Expression text without case, spaces or identifier quotes: for matching ORDER BY to select items. */
    private String normalized(Span s) {
        String k = text.cacheKey();
        StringBuilder sb = new StringBuilder(s.end() - s.start());
        for (int i = s.start(); i < s.end(); i++) {
            char c = k.charAt(i);
            if (!Character.isWhitespace(c) && c != '`' && c != '"') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
