package io.shardgate.proxy.command;

import io.shardgate.engine.ShardgateEngine;
import io.shardgate.execute.ColumnInfo;
import io.shardgate.route.ExecutionUnit;
import io.shardgate.route.RoutePlan;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The result columns a COM_STMT_PREPARE response announces. Clients built on libmariadb or libmysqlclient (sysbench,
 * PHP, Python) decide at prepare time whether a statement returns rows, and never read the rows of one announced
 * without columns, so a query must announce them. They depend on the statement, not on the shard: the statement is
 * planned with NULL for every parameter (which routes a query to one shard where no row matches) and that shard
 * prepares its unit without running it. Columns the merge hides are left out.
 */
final class PreparedColumns {

    private PreparedColumns() {
    }

    /** The columns, or none for a statement without rows and for one the shards cannot describe in advance. */
    static List<ColumnInfo> describe(String sql, int parameters, ShardgateEngine engine) {
        RoutePlan plan;
        try {
            plan = engine.plan(sql, Collections.nCopies(parameters, null));
        } catch (SQLException | RuntimeException e) {
            return List.of(); // executing reports the error
        }
        if (!plan.isQuery() || plan.units().isEmpty()) {
            return List.of();
        }
        ExecutionUnit unit = plan.units().get(0);
        try (Connection connection = engine.primaryConnection(unit.dataSource());
             java.sql.PreparedStatement statement = connection.prepareStatement(unit.sql())) {
            ResultSetMetaData metaData = statement.getMetaData();
            if (metaData == null) {
                return List.of();
            }
            List<ColumnInfo> columns = ColumnInfo.copyOf(metaData);
            return columns.subList(0, Math.max(0, columns.size() - plan.merge().hiddenColumns()));
        } catch (SQLException | RuntimeException e) {
            return List.of(); // then the columns come with each execution, as for any statement
        }
    }
}
