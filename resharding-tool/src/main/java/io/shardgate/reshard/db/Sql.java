package io.shardgate.reshard.db;

import java.util.List;
import java.util.stream.Collectors;

/** Identifier quoting and the key-order predicates the copy and the verifier share. */
public final class Sql {
    private Sql() {
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** The select list reading {@code columns} for {@link RowReader}. */
    public static String selectList(List<Column> columns) {
        return columns.stream().map(Column::selectExpression).collect(Collectors.joining(", "));
    }

    public static String columnList(List<String> columns) {
        return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /**
     * {@code (k1, k2, ...) > (?, ?, ...)} written out as {@code k1 > ? OR (k1 = ? AND k2 > ?) ...}, which every
     * MariaDB version turns into an index range scan; parameters: the key values repeated per term, see
     * {@link #afterKeyParameters}.
     */
    public static String afterKey(List<String> key, String op) {
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < key.size(); i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            sql.append('(');
            for (int j = 0; j < i; j++) {
                sql.append(quote(key.get(j))).append(" = ? AND ");
            }
            boolean last = i == key.size() - 1;
            sql.append(quote(key.get(i))).append(' ').append(last ? op : op.substring(0, 1)).append(" ?)");
        }
        return sql.append(')').toString();
    }

    /** The parameters of {@link #afterKey}: for term i, key values 0..i. */
    public static Object[] afterKeyParameters(Object[] keyValues) {
        int n = keyValues.length;
        Object[] out = new Object[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                out[k++] = keyValues[j];
            }
        }
        return out;
    }
}
