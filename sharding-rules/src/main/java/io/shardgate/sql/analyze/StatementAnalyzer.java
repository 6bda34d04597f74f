package io.shardgate.sql.analyze;

import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.parse.CalciteParser;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.LineIndex;
import io.shardgate.sql.parse.PreparedText;
import io.shardgate.sql.parse.UnsupportedSqlException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a parsed statement into a {@link StatementAnalysis}: the tables and where their names stand, the
 * shard-key conditions, the INSERT rows and the SELECT merge shape. Refuses, with a named construct, what no
 * route could answer correctly (a join of sharded tables that are not bound on their keys, an UPDATE of a shard
 * key). Pure: reads only the rules.
 */
public final class StatementAnalyzer {

    private final ShardingRules rules;
    private final Dialect dialect;

    public StatementAnalyzer(ShardingRules rules, Dialect dialect) {
        this.rules = rules;
        this.dialect = dialect;
    }

    public StatementAnalysis analyze(PreparedText text) {
        SqlNode root = CalciteParser.parse(text, dialect);
        return new Walk(text, root).run();
    }

    /** One analysis run: state for a single statement. */
    private final class Walk {
        private final PreparedText text;
        private final SqlNode root;
        private final LineIndex lines;
        private final Set<String> tables = new LinkedHashSet<>();
        private final List<TableRule> sharded = new ArrayList<>();
        private final List<TableOccurrence> occurrences = new ArrayList<>();
        private final List<KeyCondition> subqueryConditions = new ArrayList<>();
        private boolean setOperation;
        private boolean mainSharded;
        private int shardedRefs;

        Walk(PreparedText text, SqlNode root) {
            this.text = text;
            this.root = root;
            this.lines = new LineIndex(text.calciteText());
        }

        StatementAnalysis run() {
            KeyCondition condition = KeyCondition.ANY;
            InsertShape insert = null;
            SelectShape select = null;
            StatementKind kind = text.kind();
            switch (root.getKind()) {
                case INSERT -> {
                    SqlInsert ins = (SqlInsert) root;
                    Scope scope = new Scope(null);
                    TableRef target = addTable(scope, (SqlIdentifier) ins.getTargetTable(), null);
                    mainSharded = target.rule != null;
                    insert = analyzeInsert(ins, target, scope);
                }
                case UPDATE -> {
                    SqlUpdate upd = (SqlUpdate) root;
                    Scope scope = new Scope(null);
                    TableRef target = addTable(scope, (SqlIdentifier) upd.getTargetTable(), upd.getAlias());
                    mainSharded = target.rule != null;
                    checkShardKeyNotAssigned(target, upd.getTargetColumnList());
                    for (SqlNode e : upd.getSourceExpressionList()) {
                        visitExpression(e, scope);
                    }
                    condition = whereCondition(upd.getCondition(), scope);
                }
                case DELETE -> {
                    SqlDelete del = (SqlDelete) root;
                    Scope scope = new Scope(null);
                    mainSharded = addTable(scope, (SqlIdentifier) del.getTargetTable(), del.getAlias()).rule != null;
                    condition = whereCondition(del.getCondition(), scope);
                }
                default -> {
                    Block top = analyzeQuery(root, null);
                    condition = top.condition;
                    select = top.shape;
                    mainSharded = top.sharded;
                }
            }
            if (text.flags().hasOnDuplicateKeyUpdate()) {
                checkOnDuplicateKeyUpdate();
            }
            if (setOperation) {
                select = null;
            }
            return new StatementAnalysis(kind, text.flags(), List.copyOf(tables), List.copyOf(sharded),
                    occurrences.stream().sorted(java.util.Comparator.comparing(TableOccurrence::span)).toList(),
                    condition, mainSharded, insert, select, List.copyOf(subqueryConditions),
                    kind.writes());
        }

        // ---------------------------------------------------------------- queries

        /** Result of analyzing one query block: its key condition and, for the outermost SELECT, its shape. */
        private record Block(KeyCondition condition, SelectShape shape, boolean sharded) {
        }

        private Block analyzeQuery(SqlNode node, Scope parent) {
            switch (node.getKind()) {
                case ORDER_BY -> {
                    SqlOrderBy ob = (SqlOrderBy) node;
                    if (ob.query instanceof SqlSelect sel) {
                        return analyzeSelect(sel, parent, ob.orderList, ob.offset, ob.fetch);
                    }
                    return new Block(analyzeQuery(ob.query, parent).condition, null, false);
                }
                case SELECT -> {
                    SqlSelect sel = (SqlSelect) node;
                    return analyzeSelect(sel, parent, sel.getOrderList(), sel.getOffset(), sel.getFetch());
                }
                case UNION, INTERSECT, EXCEPT -> {
                    setOperation = true;
                    for (SqlNode operand : ((SqlCall) node).getOperandList()) {
                        subquery(operand, parent);
                    }
                    return new Block(KeyCondition.ANY, null, false);
                }
                case WITH -> {
                    SqlWith with = (SqlWith) node;
                    for (SqlNode item : with.withList) {
                        subquery(((SqlWithItem) item).query, parent);
                    }
                    setOperation = true;
                    subquery(with.body, parent);
                    return new Block(KeyCondition.ANY, null, false);
                }
                case VALUES -> {
                    return new Block(KeyCondition.ANY, null, false);
                }
                default -> throw new UnsupportedSqlException(node.getKind().toString().toLowerCase(Locale.ROOT)
                        + " query", "only SELECT, UNION and VALUES queries are routed");
            }
        }

        private Block analyzeSelect(SqlSelect sel, Scope parent, SqlNodeList orderList, SqlNode offset,
                                    SqlNode fetch) {
            Scope scope = new Scope(parent);
            List<SqlNode> joinConditions = new ArrayList<>();
            List<SqlNode> outerJoinConditions = new ArrayList<>();
            if (sel.getFrom() != null) {
                collectFrom(sel.getFrom(), scope, joinConditions, outerJoinConditions);
            }
            for (SqlNode item : sel.getSelectList()) {
                visitExpression(item, scope);
            }
            for (SqlNode c : joinConditions) {
                visitExpression(c, scope);
            }
            for (SqlNode c : outerJoinConditions) {
                visitExpression(c, scope);
            }
            visitExpression(sel.getWhere(), scope);
            visitExpression(sel.getGroup(), scope);
            visitExpression(sel.getHaving(), scope);
            visitExpression(orderList, scope);

            List<KeyCondition> parts = new ArrayList<>();
            KeyExtractor extractor = new KeyExtractor(scope);
            parts.add(extractor.extract(sel.getWhere()));
            for (SqlNode c : joinConditions) {
                parts.add(extractor.extract(c));
            }
            for (SqlNode c : outerJoinConditions) {
                extractor.extract(c); // only for the join equalities it records
            }
            checkJoinsOnShardKey(scope, extractor);
            KeyCondition condition = KeyCondition.and(parts);
            SelectShape shape = parent == null
                    ? new SelectShapeBuilder(text, lines).build(sel, orderList, offset, fetch)
                    : null;
            boolean touchesSharded = scope.refs.stream().anyMatch(r -> r.rule != null);
            return new Block(condition, shape, touchesSharded);
        }

        private void collectFrom(SqlNode from, Scope scope, List<SqlNode> inner, List<SqlNode> outer) {
            switch (from.getKind()) {
                case IDENTIFIER -> addTable(scope, (SqlIdentifier) from, null);
                case AS -> {
                    SqlCall as = (SqlCall) from;
                    SqlNode source = as.operand(0);
                    SqlIdentifier alias = (SqlIdentifier) as.operand(1);
                    if (source instanceof SqlIdentifier id) {
                        addTable(scope, id, alias);
                    } else {
                        subquery(source, scope);
                    }
                }
                case JOIN -> {
                    SqlJoin join = (SqlJoin) from;
                    collectFrom(join.getLeft(), scope, inner, outer);
                    collectFrom(join.getRight(), scope, inner, outer);
                    if (join.getCondition() != null) {
                        switch (join.getJoinType()) {
                            case INNER, COMMA, CROSS -> inner.add(join.getCondition());
                            default -> outer.add(join.getCondition());
                        }
                    }
                }
                default -> subquery(from, scope);
            }
        }

        /** A nested query; its key condition matters only when it (or what it nests) names a sharded table. */
        private void subquery(SqlNode query, Scope scope) {
            int before = shardedRefs;
            Block b = analyzeQuery(query, scope);
            if (shardedRefs > before) {
                subqueryConditions.add(b.condition);
            }
        }

        /** Visits an expression for table-name qualifiers and nested queries. */
        private void visitExpression(SqlNode node, Scope scope) {
            if (node == null) {
                return;
            }
            if (node instanceof SqlIdentifier id) {
                qualifier(id, scope);
            } else if (node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY
                    || node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.WITH) {
                subquery(node, scope);
            } else if (node instanceof SqlNodeList list) {
                for (SqlNode n : list) {
                    visitExpression(n, scope);
                }
            } else if (node instanceof SqlCall call) {
                if (call.getKind() == SqlKind.OVER) {
                    scope.windowFunction = true;
                }
                for (SqlNode operand : call.getOperandList()) {
                    visitExpression(operand, scope);
                }
            }
        }

        /** A column qualified by a table name (not an alias) names the table: rename the qualifier. */
        private void qualifier(SqlIdentifier id, Scope scope) {
            if (id.names.size() < 2) {
                return;
            }
            int tableComponent = id.names.size() - 2;
            String q = id.names.get(tableComponent).toLowerCase(Locale.ROOT);
            TableRef ref = scope.byQualifier(q);
            if (ref != null && ref.alias == null) {
                int start = text.toKey(lines.start(id.getComponentParserPosition(0)));
                int end = text.toKey(lines.end(id.getComponentParserPosition(tableComponent)));
                occurrences.add(new TableOccurrence(ref.logical, new Span(start, end), quoted(start)));
            }
        }

        // ---------------------------------------------------------------- tables

        private TableRef addTable(Scope scope, SqlIdentifier id, SqlIdentifier alias) {
            String logical = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
            int start = text.toKey(lines.start(id.getParserPosition()));
            int end = text.toKey(lines.end(id.getParserPosition()));
            int nameStart = text.toKey(lines.start(id.getComponentParserPosition(id.names.size() - 1)));
            occurrences.add(new TableOccurrence(logical, new Span(start, end), quoted(nameStart)));
            tables.add(logical);
            TableRule rule = rules.table(logical).orElse(null);
            if (rule != null) {
                shardedRefs++;
                if (!sharded.contains(rule)) {
                    sharded.add(rule);
                }
            }
            TableRef ref = new TableRef(logical, alias == null ? null : alias.getSimple().toLowerCase(Locale.ROOT),
                    rule);
            scope.refs.add(ref);
            return ref;
        }

        private boolean quoted(int keyOffset) {
            return text.original().charAt(text.toOriginal(keyOffset)) == dialect.identifierQuote();
        }

        private void checkJoinsOnShardKey(Scope scope, KeyExtractor extractor) {
            List<TableRef> shardedRefs = scope.refs.stream().filter(r -> r.rule != null).toList();
            if (shardedRefs.size() < 2) {
                return;
            }
            TableRef first = shardedRefs.get(0);
            for (TableRef other : shardedRefs.subList(1, shardedRefs.size())) {
                if (!rules.bound(first.logical, other.logical)) {
                    throw new UnsupportedSqlException("join of sharded tables " + first.logical + " and "
                            + other.logical, "they are not in one binding group, so matching rows may live on "
                            + "different shards; bind them (bindingGroups) or join in the application");
                }
            }
            if (!extractor.joinedOnShardKeys(shardedRefs)) {
                throw new UnsupportedSqlException("join of " + first.logical + " and "
                        + shardedRefs.get(1).logical + " without equal shard keys",
                        "a join of sharded tables must include an equality of their shard-key columns (e.g. "
                                + "a." + first.rule.shardColumns().get(0) + " = b."
                                + shardedRefs.get(1).rule.shardColumns().get(0)
                                + "), otherwise matching rows may live on different shards");
            }
        }

        // ---------------------------------------------------------------- DML

        private InsertShape analyzeInsert(SqlInsert ins, TableRef target, Scope scope) {
            List<String> columns = new ArrayList<>();
            if (ins.getTargetColumnList() != null) {
                for (SqlNode c : ins.getTargetColumnList()) {
                    columns.add(((SqlIdentifier) c).getSimple().toLowerCase(Locale.ROOT));
                }
            }
            SqlNode source = ins.getSource();
            if (source.getKind() != SqlKind.VALUES) {
                new InsertSelectCheck(rules, target, columns).check(source);
                subquery(source, scope);
                return null;
            }
            TableRule rule = target.rule;
            if (rule == null) {
                return null;
            }
            if (columns.isEmpty()) {
                throw new UnsupportedSqlException("INSERT into sharded table " + rule.logicalTable()
                        + " without a column list", "name the columns so the shard key can be found");
            }
            int[] keyPositions = new int[rule.shardColumns().size()];
            for (int k = 0; k < keyPositions.length; k++) {
                keyPositions[k] = columns.indexOf(rule.shardColumns().get(k));
            }
            String generated = null;
            if (rule.keyGenerator() != null && !columns.contains(rule.keyGenerator().column())) {
                generated = rule.keyGenerator().column();
            }
            for (int k = 0; k < keyPositions.length; k++) {
                if (keyPositions[k] < 0 && !rule.shardColumns().get(k).equals(generated)) {
                    throw new UnsupportedSqlException("INSERT into " + rule.logicalTable() + " without shard key "
                            + rule.shardColumns().get(k), "every row needs a value for the shard key column");
                }
            }
            List<InsertShape.Row> rows = new ArrayList<>();
            SlotCounter slots = new SlotCounter();
            for (SqlNode rowNode : ((SqlCall) source).getOperandList()) {
                SqlCall row = (SqlCall) rowNode;
                int firstSlot = slots.count;
                for (SqlNode v : row.getOperandList()) {
                    slots.visit(v);
                }
                List<ValueRef> keys = new ArrayList<>();
                for (int pos : keyPositions) {
                    keys.add(pos < 0 ? null : KeyExtractor.valueOf(row.operand(pos)));
                }
                Span span = new Span(text.toKey(lines.start(row.getParserPosition())),
                        text.toKey(lines.end(row.getParserPosition())));
                rows.add(new InsertShape.Row(span, keys, firstSlot, slots.count - firstSlot));
            }
            int columnListEnd = text.toKey(lines.end(ins.getTargetColumnList().getParserPosition()));
            return new InsertShape(List.copyOf(columns), List.copyOf(rows), generated, columnListEnd);
        }

        private void checkShardKeyNotAssigned(TableRef target, SqlNodeList assigned) {
            if (target.rule == null || assigned == null) {
                return;
            }
            for (SqlNode c : assigned) {
                SqlIdentifier id = (SqlIdentifier) c;
                String column = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
                if (target.rule.shardColumnIndex(column) >= 0) {
                    throw shardKeyUpdate(target.rule, column);
                }
            }
        }

        private void checkOnDuplicateKeyUpdate() {
            String tail = text.original().substring(text.flags().onDuplicateKeyStart());
            for (TableRule rule : sharded) {
                for (String column : rule.shardColumns()) {
                    if (OnDuplicateKeyTail.assigns(tail, column, dialect)) {
                        throw shardKeyUpdate(rule, column);
                    }
                }
            }
        }

        private UnsupportedSqlException shardKeyUpdate(TableRule rule, String column) {
            return new UnsupportedSqlException("UPDATE of shard key column " + column + " of table "
                    + rule.logicalTable(), "changing the shard key would move the row to another shard; "
                    + "DELETE it and INSERT it with the new key instead");
        }

        private KeyCondition whereCondition(SqlNode where, Scope scope) {
            visitExpression(where, scope);
            return new KeyExtractor(scope).extract(where);
        }
    }

    /** Counts dynamic parameters in textual order (Calcite numbers them that way). */
    private static final class SlotCounter {
        int count;

        void visit(SqlNode node) {
            if (node == null) {
                return;
            }
            if (node.getKind() == SqlKind.DYNAMIC_PARAM) {
                count++;
            } else if (node instanceof SqlNodeList list) {
                for (SqlNode n : list) {
                    visit(n);
                }
            } else if (node instanceof SqlCall call) {
                for (SqlNode operand : call.getOperandList()) {
                    visit(operand);
                }
            }
        }
    }
}
