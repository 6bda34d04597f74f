package io.shardgate.reshard.workflow;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.Column;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.db.TableShape;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.plan.TablePlan;
import io.shardgate.reshard.stream.BinlogKeyValues;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold before the first row is copied, checked all at once so the operator fixes everything in one go:
 * every source shard exists with the same columns and a primary key the stream can decode, the shard key is a
 * stored column, and every source server writes a row-based binlog (the change stream reads it).
 */
final class Preflight {
    private Preflight() {
    }

    static void check(ReshardPlan plan, DataSourceConnections sources) throws SQLException {
        List<String> problems = new ArrayList<>();
        Set<String> dataSources = new LinkedHashSet<>();
        for (TablePlan table : plan.movingTables()) {
            TableShape first = null;
            for (DataNode node : table.current().nodes()) {
                dataSources.add(node.dataSource());
                TableShape shape = TableShape.read(sources.get(node.dataSource()), node.physicalTable());
                if (shape == null) {
                    problems.add(node + " does not exist");
                    continue;
                }
                if (first == null) {
                    first = shape;
                    checkShape(table, node, shape, problems);
                } else if (!first.columns().equals(shape.columns()) || !first.primaryKey().equals(shape.primaryKey())) {
                    problems.add(node + " has other columns or another primary key than "
                            + table.current().nodes().get(0) + "; every shard of a table must have the same layout");
                }
            }
        }
        for (String dataSource : dataSources) {
            checkBinlog(dataSource, sources.get(dataSource), problems);
        }
        if (!problems.isEmpty()) {
            throw ReshardException.notPossible("cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void checkShape(TablePlan table, DataNode node, TableShape shape, List<String> problems) {
        if (shape.primaryKey().isEmpty()) {
            problems.add(node + " has no primary key; the copy walks and the stream finds rows by primary key");
        }
        for (String key : shape.primaryKey()) {
            String why = BinlogKeyValues.unsupported(shape.column(key));
            if (why != null) {
                problems.add(node + " primary-key column " + key + ": " + why);
            }
        }
        for (String shardColumn : table.current().shardColumns()) {
            Column column;
            try {
                column = shape.column(shardColumn);
            } catch (IllegalArgumentException e) {
                problems.add(node + " has no shard-key column " + shardColumn);
                continue;
            }
            if (column.generated()) {
                problems.add(node + " shard-key column " + shardColumn + " is generated; the copy needs it stored");
            }
        }
    }

    private static void checkBinlog(String dataSource, Connection connection, List<String> problems)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@log_bin, @@binlog_format")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                problems.add("data source " + dataSource + " writes no binlog; start it with --log-bin "
                        + "--binlog-format=ROW");
            } else if (!"ROW".equalsIgnoreCase(rs.getString(2))) {
                problems.add("data source " + dataSource + " has binlog_format=" + rs.getString(2)
                        + "; the change stream needs ROW");
            }
        }
    }
}
