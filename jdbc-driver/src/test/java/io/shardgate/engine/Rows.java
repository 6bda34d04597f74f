package io.shardgate.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Result rows as comparable values: every number a BigDecimal without trailing zeros. */
final class Rows {
    private Rows() {
    }

    static List<List<Object>> read(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(normalize(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    static Object normalize(Object v) {
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return v;
    }

    /**
     * Rounds, cell by cell, the one of two decimals with more digits to the other's scale: AVG's precision and
     * type differ between H2 and MySQL ({@link io.shardgate.merge.AggregationTest} checks ours exactly).
     */
    static void alignScales(List<List<Object>> a, List<List<Object>> b) {
        for (int r = 0; r < Math.min(a.size(), b.size()); r++) {
            List<Object> x = a.get(r);
            List<Object> y = b.get(r);
            for (int c = 0; c < Math.min(x.size(), y.size()); c++) {
                BigDecimal dx = decimal(x.get(c));
                BigDecimal dy = decimal(y.get(c));
                if (dx != null && dy != null) {
                    int scale = Math.max(0, Math.min(dx.scale(), dy.scale()));
                    x.set(c, normalize(dx.setScale(scale, RoundingMode.HALF_UP)));
                    y.set(c, normalize(dy.setScale(scale, RoundingMode.HALF_UP)));
                }
            }
        }
    }

    /** A decimal or floating-point value as a BigDecimal (H2's AVG of integers is a DOUBLE); else null. */
    private static BigDecimal decimal(Object v) {
        if (v instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d);
        }
        return v instanceof BigDecimal d ? d : null;
    }

    static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }
}
