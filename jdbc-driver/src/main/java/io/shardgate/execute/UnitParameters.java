package io.shardgate.execute;

import io.shardgate.route.ExecutionUnit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds the caller's parameters a unit's SQL carries, in the unit's marker order. */
final class UnitParameters {
    private UnitParameters() {
    }

    static void bind(PreparedStatement statement, ExecutionUnit unit, List<ParameterValue> params)
            throws SQLException {
        int[] indexes = unit.paramIndexes();
        for (int k = 0; k < indexes.length; k++) {
            int index = indexes[k];
            if (index >= params.size() || params.get(index) == null) {
                throw new SQLException("no value specified for parameter " + (index + 1), "07001");
            }
            params.get(index).bind(statement, k + 1);
        }
    }
}
