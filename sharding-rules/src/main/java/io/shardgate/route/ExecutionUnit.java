package io.shardgate.route;

import java.util.Arrays;

/**
 * One statement to run on one data source: the physical SQL, and which of the caller's parameters to bind, in
 * order ({@code paramIndexes[k]} is the 0-based index of the caller parameter for the unit's k-th marker).
 */
public record ExecutionUnit(String dataSource, String sql, int[] paramIndexes) {

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionUnit u && u.dataSource.equals(dataSource) && u.sql.equals(sql)
                && Arrays.equals(u.paramIndexes, paramIndexes);
    }

    @Override
    public int hashCode() {
        return dataSource.hashCode() * 31 + sql.hashCode();
    }

    @Override
    public String toString() {
        return dataSource + ": " + sql + (paramIndexes.length == 0 ? "" : " " + Arrays.toString(paramIndexes));
    }
}
