package io.shardgate.it.differential;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A result set read into comparable rows: numbers as plain decimal strings without trailing zeros (COUNT may be
 * a Long on one side and a BigDecimal on the other), dates and strings as text, NULL as a marker.
 */
public final class ResultRows {

    private ResultRows() {
    }

    public static List<List<String>> read(ResultSet rs, boolean ignoreCase) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int c = 1; c <= n; c++) {
                row.add(normalize(rs.getObject(c), ignoreCase));
            }
            rows.add(row);
        }
        return rows;
    }

    public static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }

    private static String normalize(Object v, boolean ignoreCase) {
        if (v == null) {
            return "<null>";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number num && !(v instanceof Double) && !(v instanceof Float)) {
            return new BigDecimal(num.toString()).stripTrailingZeros().toPlainString();
        }
        String s = v.toString();
        return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
    }
}
