package io.shardgate.route;

import io.shardgate.algorithm.ShardingException;
import io.shardgate.config.BroadcastTable;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.rewrite.Edit;
import io.shardgate.rewrite.SqlRenderer;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.analyze.InsertShape;
import io.shardgate.sql.analyze.KeyCondition;
import io.shardgate.sql.analyze.StatementAnalysis;
import io.shardgate.sql.analyze.TableOccurrence;
import io.shardgate.sql.analyze.ValueRef;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.PreparedText;
import io.shardgate.sql.parse.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes an analyzed SELECT or DML statement for one execution's parameter values and writes the physical SQL
 * of each unit. Pure: no I/O, no state besides the rules.
 */
public final class Router {

    private final ShardingRules rules;
    private final Dialect dialect;

    public Router(ShardingRules rules, Dialect dialect) {
        this.rules = rules;
        this.dialect = dialect;
    }

    public RoutePlan route(StatementAnalysis a, PreparedText text, List<?> params) {
        boolean forcePrimary = a.flags().lockingRead() || a.flags().primaryHint();
        List<String> unsharded = new ArrayList<>();
        List<BroadcastTable> broadcast = new ArrayList<>();
        for (String t : a.tables()) {
            if (rules.table(t).isPresent()) {
                continue;
            }
            rules.broadcast(t).ifPresentOrElse(broadcast::add, () -> unsharded.add(t));
        }
        if (!a.shardedRules().isEmpty()) {
            if (!unsharded.isEmpty()) {
                throw new UnsupportedSqlException("statement on sharded table " + a.shardedRules().get(0)
                        .logicalTable() + " and unsharded table " + unsharded.get(0),
                        "the unsharded table lives only on the default data source; make it a broadcast table "
                                + "or query the two separately");
            }
            return routeSharded(a, text, params, forcePrimary);
        }
        if (!broadcast.isEmpty()) {
            return routeBroadcast(a, text, broadcast, unsharded, forcePrimary);
        }
        return new RoutePlan(Opcode.UNSHARDED, a.kind(), List.of(passThrough(rules.defaultDataSource(), text)),
                MergePlan.CONCAT, a.writes(), forcePrimary);
    }

    /** The statement as written, with all its parameters in order. */
    public static ExecutionUnit passThrough(String dataSource, PreparedText text) {
        int[] params = new int[text.userParameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = i;
        }
        return new ExecutionUnit(dataSource, text.original(), params);
    }

    private RoutePlan routeBroadcast(StatementAnalysis a, PreparedText text, List<BroadcastTable> broadcast,
                                     List<String> unsharded, boolean forcePrimary) {
        if (a.writes()) {
            if (!unsharded.isEmpty()) {
                throw new UnsupportedSqlException("write to broadcast table " + broadcast.get(0).logicalTable()
                        + " reading unsharded table " + unsharded.get(0),
                        "the unsharded table is not on every data source of the broadcast table");
            }
            List<ExecutionUnit> units = new ArrayList<>();
            for (String ds : broadcast.get(0).dataSources()) {
                units.add(passThrough(ds, text));
            }
            return new RoutePlan(Opcode.BROADCAST, a.kind(), units, MergePlan.CONCAT, true, forcePrimary);
        }
        String ds = unsharded.isEmpty() ? broadcast.get(0).dataSources().get(0) : rules.defaultDataSource();
        for (BroadcastTable b : broadcast) {
            if (!b.dataSources().contains(ds)) {
                throw new UnsupportedSqlException("query joining broadcast table " + b.logicalTable(),
                        "it has no copy on data source " + ds + " where the other tables of the query live");
            }
        }
        return new RoutePlan(Opcode.SINGLE_SHARD, a.kind(), List.of(passThrough(ds, text)), MergePlan.CONCAT,
                false, forcePrimary);
    }

    private RoutePlan routeSharded(StatementAnalysis a, PreparedText text, List<?> params, boolean forcePrimary) {
        TableRule primary = a.shardedRules().get(0);
        for (TableRule other : a.shardedRules()) {
            if (!rules.bound(primary.logicalTable(), other.logicalTable())) {
                throw new UnsupportedSqlException("statement on sharded tables " + primary.logicalTable() + " and "
                        + other.logicalTable(), "they are not in one binding group, so their rows with equal keys "
                        + "may live on different shards; bind them (bindingGroups) or query them separately");
            }
        }
        int shardCount = primary.nodes().size();
        List<Object> values = text.slotValues(params);
        if (a.insert() != null) {
            return routeInsertValues(a, text, primary, values);
        }
        BitSet shards = shardsOf(a, values, shardCount, primary);
        int count = shards.cardinality();
        Opcode opcode = count == 0 ? Opcode.NONE : count == 1 ? Opcode.SINGLE_SHARD
                : count == shardCount ? Opcode.SCATTER : Opcode.MULTI_SHARD;
        if (count > 1 && a.flags().dmlLimitStart() >= 0) {
            throw new UnsupportedSqlException(a.kind() + " with ORDER BY or LIMIT on several shards",
                    "each shard would apply the limit on its own; add a shard-key condition or drop the LIMIT");
        }
        if (count == 0) {
            if (a.writes()) {
                return new RoutePlan(Opcode.NONE, a.kind(), List.of(), MergePlan.CONCAT, true, forcePrimary);
            }
            shards.set(0); // runs where no row can match, so the result has its columns
        }
        List<ExecutionUnit> units = new ArrayList<>(shards.cardinality());
        if (count > 1 && a.select() != null) {
            SelectMergePlanner.Planned planned = new SelectMergePlanner(a, text, values, dialect).plan();
            for (int s = shards.nextSetBit(0); s >= 0; s = shards.nextSetBit(s + 1)) {
                List<Edit> edits = tableEdits(a, text, s);
                edits.addAll(planned.edits());
                edits.sort(null);
                units.add(new SqlRenderer(text, edits).render(primary.nodes().get(s).dataSource()));
            }
            return new RoutePlan(opcode, a.kind(), units, planned.merge(), a.writes(), forcePrimary);
        }
        for (int s = shards.nextSetBit(0); s >= 0; s = shards.nextSetBit(s + 1)) {
            units.add(new SqlRenderer(text, tableEdits(a, text, s)).render(primary.nodes().get(s).dataSource()));
        }
        return new RoutePlan(opcode, a.kind(), units, MergePlan.CONCAT, a.writes(), forcePrimary);
    }

    /**
     * Shards the statement must run on. A statement with subqueries (or UNION parts) on sharded tables runs
     * shard-locally only when every part is confined to the same single shard.
     */
    private static BitSet shardsOf(StatementAnalysis a, List<Object> values, int shardCount, TableRule primary) {
        List<KeyCondition> parts = a.subqueryConditions();
        if (a.kind() == StatementKind.INSERT || a.kind() == StatementKind.REPLACE) {
            // INSERT ... SELECT from a bound table: each shard copies its own rows
            BitSet source = parts.isEmpty() ? ShardSetEvaluator.all(shardCount)
                    : ShardSetEvaluator.evaluate(parts.get(0), values, shardCount);
            if (parts.size() <= 1) {
                return source;
            }
            parts = parts.subList(1, parts.size());
        }
        BitSet shards = a.mainSharded() ? ShardSetEvaluator.evaluate(a.condition(), values, shardCount) : null;
        if (parts.isEmpty()) {
            return shards == null ? ShardSetEvaluator.all(shardCount) : shards;
        }
        for (KeyCondition part : parts) {
            BitSet partShards = ShardSetEvaluator.evaluate(part, values, shardCount);
            if (shards == null) {
                shards = partShards;
            }
            if (shards.cardinality() != 1 || !partShards.equals(shards)) {
                throw new UnsupportedSqlException("subquery, derived table or UNION on sharded table "
                        + primary.logicalTable() + " spanning several shards",
                        "its rows may live on other shards than the rest of the statement; give every part the "
                                + "same shard-key condition, or run the parts separately");
            }
        }
        return shards;
    }

    private RoutePlan routeInsertValues(StatementAnalysis a, PreparedText text, TableRule rule, List<Object> values) {
        InsertShape insert = a.insert();
        if (insert.generatedColumn() != null) {
            throw new UnsupportedSqlException("INSERT into " + rule.logicalTable() + " without column "
                    + insert.generatedColumn(), "key generation happens in the session before routing; "
                    + "this entry point did not supply a generated key");
        }
        Map<Integer, List<InsertShape.Row>> byShard = new TreeMap<>();
        for (int r = 0; r < insert.rows().size(); r++) {
            InsertShape.Row row = insert.rows().get(r);
            List<Object> key = new ArrayList<>(row.keyValues().size());
            for (int k = 0; k < row.keyValues().size(); k++) {
                ValueRef ref = row.keyValues().get(k);
                String column = rule.shardColumns().get(k);
                if (ref == null) {
                    throw new UnsupportedSqlException("INSERT into " + rule.logicalTable()
                            + " with a computed value for shard key " + column,
                            "give the shard key as a literal or a ? parameter");
                }
                Object v = ref.resolve(values);
                if (v == null) {
                    throw new ShardingException("shard key " + rule.logicalTable() + "." + column
                            + " is NULL in row " + (r + 1) + "; every row needs a shard key value");
                }
                key.add(v);
            }
            byShard.computeIfAbsent(rule.algorithm().shardFor(key), s -> new ArrayList<>()).add(row);
        }
        List<ExecutionUnit> units = new ArrayList<>(byShard.size());
        List<InsertShape.Row> allRows = insert.rows();
        int valuesStart = text.toOriginal(allRows.get(0).span().start());
        int valuesEnd = text.toOriginal(allRows.get(allRows.size() - 1).span().end());
        for (Map.Entry<Integer, List<InsertShape.Row>> e : byShard.entrySet()) {
            List<Edit> edits = tableEdits(a, text, e.getKey());
            if (byShard.size() > 1) {
                List<InsertShape.Row> rows = e.getValue();
                edits.add(new Edit(valuesStart, valuesEnd, r -> {
                    for (int i = 0; i < rows.size(); i++) {
                        if (i > 0) {
                            r.append(", ");
                        }
                        r.copy(text.toOriginal(rows.get(i).span().start()), text.toOriginal(rows.get(i).span().end()));
                    }
                }));
                edits.sort(null);
            }
            units.add(new SqlRenderer(text, edits).render(rule.nodes().get(e.getKey()).dataSource()));
        }
        Opcode opcode = units.size() == 1 ? Opcode.SINGLE_SHARD : Opcode.MULTI_SHARD;
        return new RoutePlan(opcode, a.kind(), units, MergePlan.CONCAT, true, false);
    }

    /** Renames every sharded table occurrence to its physical table on shard {@code shard}. */
    private List<Edit> tableEdits(StatementAnalysis a, PreparedText text, int shard) {
        List<Edit> edits = new ArrayList<>(a.occurrences().size() + 4);
        for (TableOccurrence o : a.occurrences()) {
            TableRule rule = rules.table(o.logicalTable()).orElse(null);
            if (rule == null) {
                continue;
            }
            DataNode node = rule.nodes().get(shard);
            String name = o.quoted() ? dialect.quote(node.physicalTable()) : node.physicalTable();
            edits.add(Edit.replace(text.toOriginal(o.span().start()), text.toOriginal(o.span().end()), name));
        }
        return edits;
    }
}
