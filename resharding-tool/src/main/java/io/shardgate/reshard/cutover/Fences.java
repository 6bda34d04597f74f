package io.shardgate.reshard.cutover;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.db.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Write fences on physical tables, so that a router that missed a switch fails loudly instead of writing where the
 * rows no longer live. Each fenced table gets BEFORE INSERT, UPDATE and DELETE triggers, installed ahead of the
 * switch (DDL waits for the table's metadata lock, which must not happen inside the write pause), that reject the
 * write with SQLSTATE 45000 and a message naming the workflow while the table has a row in
 * {@code shardgate_fence}. Switching a fence on or off is then one row write per data source. The workflow's own
 * connections pass the fence ({@code @shardgate_fence_bypass}): the reverse stream keeps the fenced layout
 * current.
 */
public final class Fences {
    static final String FENCE_TABLE = "shardgate_fence";
    /** MariaDB truncates longer SIGNAL messages. */
    private static final int MAX_MESSAGE = 128;
    private static final String[] EVENTS = {"INSERT", "UPDATE", "DELETE"};
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int LOCK_ATTEMPTS = 5;

    private final String workflow;
    private final DataSourceConnections connections;
    /** Each fenced node with the message its writes fail with. */
    private final Map<DataNode, String> nodes;

    /**
     * @param nodes each physical table to fence, with the message its rejected writes carry
     */
    public Fences(String workflow, DataSourceConnections connections, Map<DataNode, String> nodes) {
        this.workflow = workflow;
        this.connections = connections;
        this.nodes = new LinkedHashMap<>(nodes);
    }

    /** The message of a write rejected on a table whose rows moved in {@code workflow}, at most 128 characters. */
    public static String movedMessage(String logicalTable, String why) {
        String message = "shardgate: " + logicalTable + " " + why + "; this write used older rules";
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
    }

    public List<DataNode> nodes() {
        return List.copyOf(nodes.keySet());
    }

    /**
     * Creates the fence table and the (inactive) triggers that are not there yet. Trigger DDL waits for the table's
     * metadata lock, and writes to the table queue behind it, so each waits at most a second and is tried again
     * a few times rather than stalling writers behind a long transaction.
     */
    public void install() throws SQLException, InterruptedException {
        for (Map.Entry<DataNode, String> entry : nodes.entrySet()) {
            DataNode node = entry.getKey();
            Connection connection = connections.get(node.dataSource());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + FENCE_TABLE + " (table_name VARCHAR(64) NOT NULL "
                        + "PRIMARY KEY, workflow VARCHAR(48) NOT NULL, fenced_at DATETIME(3) NOT NULL) "
                        + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            }
            for (String event : EVENTS) {
                String name = triggerName(node, event);
                String body = "IF COALESCE(@shardgate_fence_bypass, '') <> " + literal(workflow) + " AND EXISTS "
                        + "(SELECT 1 FROM " + FENCE_TABLE + " WHERE table_name = " + literal(node.physicalTable())
                        + ") THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = " + literal(entry.getValue())
                        + "; END IF";
                if (!body.equals(triggerBody(connection, name))) {
                    triggerDdl(connection, "CREATE OR REPLACE TRIGGER " + Sql.quote(name) + " BEFORE " + event
                            + " ON " + Sql.quote(node.physicalTable()) + " FOR EACH ROW " + body);
                }
            }
        }
    }

    private static String triggerBody(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT ACTION_STATEMENT FROM "
                + "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void triggerDdl(Connection connection, String ddl) throws SQLException, InterruptedException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = 1");
            for (int attempt = 1; ; attempt++) {
                try {
                    statement.execute(ddl);
                    return;
                } catch (SQLException e) {
                    if (e.getErrorCode() != LOCK_WAIT_TIMEOUT || attempt == LOCK_ATTEMPTS) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = DEFAULT");
            }
        }
    }

    /** Turns the fences on: from the commit on, every write to these tables from outside the workflow fails. */
    public void activate() throws SQLException {
        for (Map.Entry<String, List<DataNode>> entry : byDataSource().entrySet()) {
            Connection connection = connections.get(entry.getKey());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + FENCE_TABLE
                    + " (table_name, workflow, fenced_at) VALUES (?, ?, UTC_TIMESTAMP(3)) "
                    + "ON DUPLICATE KEY UPDATE workflow = VALUES(workflow), fenced_at = VALUES(fenced_at)")) {
                for (DataNode node : entry.getValue()) {
                    insert.setString(1, node.physicalTable());
                    insert.setString(2, workflow);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Turns the fences off; the triggers stay, inactive. */
    public void deactivate() throws SQLException {
        for (Map.Entry<String, List<DataNode>> entry : byDataSource().entrySet()) {
            Connection connection = connections.get(entry.getKey());
            if (!fenceTableExists(connection)) {
                continue;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + FENCE_TABLE
                    + " WHERE table_name = ?")) {
                for (DataNode node : entry.getValue()) {
                    delete.setString(1, node.physicalTable());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    /**
     * Turns the fences off and drops their triggers (waiting for each table's metadata lock as {@link #install}
     * does), and the fence table once no fence is left in it.
     */
    public void remove() throws SQLException, InterruptedException {
        deactivate();
        for (DataNode node : nodes.keySet()) {
            Connection connection = connections.get(node.dataSource());
            for (String event : EVENTS) {
                String name = triggerName(node, event);
                if (triggerBody(connection, name) != null) {
                    triggerDdl(connection, "DROP TRIGGER IF EXISTS " + Sql.quote(name));
                }
            }
        }
        dropEmptyFenceTables();
    }

    /** Drops the fence table of each data source where no fence is left. */
    private void dropEmptyFenceTables() throws SQLException {
        for (String dataSource : byDataSource().keySet()) {
            Connection connection = connections.get(dataSource);
            if (!fenceTableExists(connection)) {
                continue;
            }
            boolean empty;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT 1 FROM " + FENCE_TABLE + " LIMIT 1")) {
                empty = !rs.next();
            }
            if (empty) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + FENCE_TABLE);
                }
            }
        }
    }

    private Map<String, List<DataNode>> byDataSource() {
        Map<String, List<DataNode>> out = new LinkedHashMap<>();
        nodes.keySet().forEach(node -> out.computeIfAbsent(node.dataSource(), ds -> new ArrayList<>()).add(node));
        return out;
    }

    private static boolean fenceTableExists(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            select.setString(1, FENCE_TABLE);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code sg_fence_ins_orders}; long table names end in a hash so the name stays within 64 characters. */
    static String triggerName(DataNode node, String event) {
        String name = "sg_fence_" + event.substring(0, 3).toLowerCase(java.util.Locale.ROOT) + "_"
                + node.physicalTable();
        if (name.length() <= 64) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(node.physicalTable().getBytes(StandardCharsets.UTF_8))).substring(0, 10);
            return name.substring(0, 53) + "_" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
