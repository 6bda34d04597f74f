package io.shardgate.reshard.workflow;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.Sql;
import io.shardgate.reshard.db.TableShape;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.plan.TablePlan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates the receiving physical tables from the source's own {@code SHOW CREATE TABLE} (columns, keys, charset
 * and engine exactly as the source has them), recording each in the metadata store first so that a cancel knows
 * which tables this workflow made. An existing empty table is adopted; an existing table with rows is refused,
 * since copied rows would mix with rows of unknown origin.
 */
final class TargetTables {
    private TargetTables() {
    }

    static void prepare(LoadedWorkflow workflow, MetadataStore store, Consumer<String> log) throws SQLException {
        Map<String, Boolean> recorded = store.targetTables(workflow.name());
        for (TablePlan table : workflow.plan().movingTables()) {
            DataNode model = table.movingSources().get(0).source();
            for (DataNode node : table.receivingNodes()) {
                Connection connection = workflow.targets().get(node.dataSource());
                if (TableShape.read(connection, node.physicalTable()) == null) {
                    store.recordTargetTable(workflow.name(), node.toString(), true);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(createStatement(workflow, model, node.physicalTable()));
                    }
                    log.accept("created " + node + " like " + model);
                } else if (!recorded.containsKey(node.toString())) {
                    if (!empty(connection, node.physicalTable())) {
                        throw ReshardException.notPossible("target table " + node + " already exists and has rows; "
                                + "drop or empty it, or choose another physical table in the target rules");
                    }
                    store.recordTargetTable(workflow.name(), node.toString(), false);
                    log.accept("using existing empty table " + node);
                }
            }
        }
    }

    private static String createStatement(LoadedWorkflow workflow, DataNode model, String targetTable)
            throws SQLException {
        try (Statement statement = workflow.sources().get(model.dataSource()).createStatement();
             ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + Sql.quote(model.physicalTable()))) {
            rs.next();
            String ddl = rs.getString(2);
            String prefix = "CREATE TABLE " + Sql.quote(model.physicalTable());
            if (!ddl.startsWith(prefix)) {
                throw ReshardException.failed("unexpected SHOW CREATE TABLE output for " + model + ": " + ddl, null);
            }
            return "CREATE TABLE IF NOT EXISTS " + Sql.quote(targetTable) + ddl.substring(prefix.length());
        }
    }

    private static boolean empty(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM " + Sql.quote(table) + " LIMIT 1")) {
            return !rs.next();
        }
    }
}
