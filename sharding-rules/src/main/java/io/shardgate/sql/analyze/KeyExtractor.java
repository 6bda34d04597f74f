package io.shardgate.sql.analyze;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reduces a WHERE or ON expression to a {@link KeyCondition} over the shard keys of one query block, and records
 * equalities between shard-key columns of different tables (join keys).
 */
final class KeyExtractor {

    private final Scope scope;
    private final Map<TableRef, TableRef> unionFind = new HashMap<>();

    KeyExtractor(Scope scope) {
        this.scope = scope;
    }

    KeyCondition extract(SqlNode node) {
        if (!(node instanceof SqlCall call)) {
            return KeyCondition.ANY;
        }
        switch (call.getKind()) {
            case AND -> {
                List<KeyCondition> parts = new ArrayList<>();
                for (SqlNode o : call.getOperandList()) {
                    parts.add(extract(o));
                }
                return KeyCondition.and(parts);
            }
            case OR -> {
                List<KeyCondition> parts = new ArrayList<>();
                for (SqlNode o : call.getOperandList()) {
                    parts.add(extract(o));
                }
                return KeyCondition.or(parts);
            }
            case EQUALS -> {
                return comparison(call.operand(0), call.operand(1), SqlKind.EQUALS);
            }
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                return comparison(call.operand(0), call.operand(1), call.getKind());
            }
            case IN -> {
                KeyColumn col = keyColumn(call.operand(0));
                if (col == null || !(call.operand(1) instanceof SqlNodeList list)) {
                    return KeyCondition.ANY;
                }
                List<ValueRef> values = new ArrayList<>();
                for (SqlNode v : list) {
                    ValueRef ref = valueOf(v);
                    if (ref == null) {
                        return KeyCondition.ANY;
                    }
                    values.add(ref);
                }
                return new KeyCondition.In(col.ref.rule, col.index, values);
            }
            case BETWEEN -> {
                SqlBetweenOperator op = (SqlBetweenOperator) call.getOperator();
                KeyColumn col = keyColumn(call.operand(0));
                ValueRef lo = valueOf(call.operand(1));
                ValueRef hi = valueOf(call.operand(2));
                if (op.isNegated() || op.flag == SqlBetweenOperator.Flag.SYMMETRIC || col == null || lo == null
                        || hi == null) {
                    return KeyCondition.ANY;
                }
                return new KeyCondition.Range(col.ref.rule, col.index, lo, true, hi, true);
            }
            default -> {
                return KeyCondition.ANY;
            }
        }
    }

    private KeyCondition comparison(SqlNode left, SqlNode right, SqlKind kind) {
        KeyColumn lc = keyColumn(left);
        KeyColumn rc = keyColumn(right);
        if (kind == SqlKind.EQUALS && lc != null && rc != null) {
            if (lc.index == rc.index || lc.ref.rule.shardColumns().size() == 1) {
                union(lc.ref, rc.ref);
            }
            return KeyCondition.ANY;
        }
        KeyColumn col = lc != null ? lc : rc;
        ValueRef value = valueOf(lc != null ? right : left);
        if (col == null || value == null) {
            return KeyCondition.ANY;
        }
        SqlKind k = lc != null ? kind : kind.reverse();
        return switch (k) {
            case EQUALS -> new KeyCondition.In(col.ref.rule, col.index, List.of(value));
            case LESS_THAN -> new KeyCondition.Range(col.ref.rule, col.index, null, false, value, false);
            case LESS_THAN_OR_EQUAL -> new KeyCondition.Range(col.ref.rule, col.index, null, false, value, true);
            case GREATER_THAN -> new KeyCondition.Range(col.ref.rule, col.index, value, false, null, false);
            case GREATER_THAN_OR_EQUAL -> new KeyCondition.Range(col.ref.rule, col.index, value, true, null, false);
            default -> KeyCondition.ANY;
        };
    }

    /** A column reference that is a shard-key column of a sharded table of this block. */
    private record KeyColumn(TableRef ref, int index) {
    }

    private KeyColumn keyColumn(SqlNode node) {
        if (!(node instanceof SqlIdentifier id) || id.isStar()) {
            return null;
        }
        String column = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
        if (id.names.size() >= 2) {
            String q = id.names.get(id.names.size() - 2).toLowerCase(Locale.ROOT);
            for (TableRef r : scope.refs) {
                if (q.equals(r.qualifier())) {
                    int idx = r.rule == null ? -1 : r.rule.shardColumnIndex(column);
                    return idx < 0 ? null : new KeyColumn(r, idx);
                }
            }
            return null;
        }
        for (TableRef r : scope.refs) {
            if (r.rule != null) {
                int idx = r.rule.shardColumnIndex(column);
                if (idx >= 0) {
                    return new KeyColumn(r, idx);
                }
            }
        }
        return null;
    }

    /** A routable value: a parameter slot, a literal, or either negated. Null for anything else. */
    static ValueRef valueOf(SqlNode node) {
        if (node instanceof SqlDynamicParam p) {
            return ValueRef.slot(p.getIndex());
        }
        if (node instanceof SqlLiteral lit) {
            if (lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL) {
                return ValueRef.constant(null);
            }
            return switch (lit.getTypeName().getFamily() == null ? org.apache.calcite.sql.type.SqlTypeFamily.ANY
                    : lit.getTypeName().getFamily()) {
                case NUMERIC -> ValueRef.constant(normalizeNumber(lit.getValueAs(BigDecimal.class)));
                case CHARACTER -> ValueRef.constant(lit.getValueAs(String.class));
                default -> null;
            };
        }
        if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
            ValueRef inner = valueOf(call.operand(0));
            return inner == null ? null : inner.negated();
        }
        return null;
    }

    private static Object normalizeNumber(BigDecimal d) {
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return d;
        }
    }

    private void union(TableRef a, TableRef b) {
        unionFind.put(find(a), find(b));
    }

    private TableRef find(TableRef r) {
        TableRef parent = unionFind.getOrDefault(r, r);
        return parent == r ? r : find(parent);
    }

    /** True when equalities of shard keys connect all the given tables. */
    boolean joinedOnShardKeys(List<TableRef> refs) {
        TableRef root = find(refs.get(0));
        for (TableRef r : refs) {
            if (find(r) != root) {
                return false;
            }
        }
        return true;
    }
}
