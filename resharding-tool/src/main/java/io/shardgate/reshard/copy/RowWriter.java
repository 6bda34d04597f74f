package io.shardgate.reshard.copy;

import io.shardgate.reshard.db.RowReader;
import io.shardgate.reshard.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes rows into a target table with multi-row {@code REPLACE}, one transaction per call. REPLACE makes every
 * write idempotent (a replayed chunk or change overwrites the row with itself) and, unlike
 * {@code ON DUPLICATE KEY UPDATE}, also removes a stale row that blocks a secondary UNIQUE key: that row is out of
 * date in the target and the change stream re-syncs it from the source. Only new physical tables are written (the
 * planner refuses any other), so REPLACE never touches rows the application writes.
 */
public final class RowWriter {
    /** MariaDB's limit of placeholders per prepared statement. */
    private static final int MAX_PARAMETERS = 65_535;

    private RowWriter() {
    }

    public static void replace(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        if (!rows.isEmpty()) {
            inTransaction(connection, () -> replaceRows(connection, table, columns, rows));
        }
    }

    /** Deletes rows by primary key; {@code keys} hold the key columns' values in key order. One transaction. */
    public static void delete(Connection connection, String table, List<String> keyColumns, List<Object[]> keys)
            throws SQLException {
        if (!keys.isEmpty()) {
            inTransaction(connection, () -> deleteRows(connection, table, keyColumns, keys));
        }
    }

    /** Writes with the caller's transaction. */
    public static void replaceRows(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        int perStatement = Math.max(1, Math.min(1000, MAX_PARAMETERS / columns.size()));
        String head = "REPLACE INTO " + Sql.quote(table) + " (" + Sql.columnList(columns) + ") VALUES ";
        String tuple = "(" + "?,".repeat(columns.size() - 1) + "?)";
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + perStatement));
            String sql = head + String.join(",", java.util.Collections.nCopies(part.size(), tuple));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object[] row : part) {
                    for (Object value : row) {
                        RowReader.bind(statement, index++, value);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /** Deletes with the caller's transaction. */
    public static void deleteRows(Connection connection, String table, List<String> keyColumns, List<Object[]> keys)
            throws SQLException {
        String predicate = "(" + String.join(" AND ", keyColumns.stream().map(c -> Sql.quote(c) + " = ?").toList())
                + ")";
        int perStatement = Math.max(1, Math.min(1000, MAX_PARAMETERS / keyColumns.size()));
        for (int from = 0; from < keys.size(); from += perStatement) {
            List<Object[]> part = keys.subList(from, Math.min(keys.size(), from + perStatement));
            String sql = "DELETE FROM " + Sql.quote(table) + " WHERE "
                    + String.join(" OR ", java.util.Collections.nCopies(part.size(), predicate));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object[] key : part) {
                    for (Object value : key) {
                        RowReader.bind(statement, index++, value);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /** Work on one connection that commits together or not at all. */
    public interface Work {
        void run() throws SQLException;
    }

    public static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
