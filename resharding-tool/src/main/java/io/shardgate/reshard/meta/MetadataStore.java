package io.shardgate.reshard.meta;

import io.shardgate.reshard.ReshardException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Workflow state, versioned rules, copy checkpoints, change-stream positions and router registrations, kept in
 * tables of a MariaDB/MySQL database the operator designates. Every state change is one transaction, and a state
 * transition is a conditional UPDATE on the expected current state: of two tools racing, exactly one wins.
 * Timestamps are UTC. Not thread-safe beyond its synchronized methods; one tool process owns one store.
 */
public final class MetadataStore implements AutoCloseable {
    private static final String LOCK_PREFIX = "shardgate-reshard:";

    private final Connection connection;

    private MetadataStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Connects and creates the tables that are missing.
     *
     * @param user     null to take it from the URL
     * @param password null to take it from the URL
     */
    public static MetadataStore open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
            for (String ddl : MetaSchema.DDL) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new MetadataStore(connection);
    }

    // ---- rules versions -------------------------------------------------------------------------------------

    public synchronized Optional<Long> currentVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM sg_current_rules WHERE id = 1")) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    public synchronized Optional<String> rulesYaml(long version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT yaml FROM sg_rules WHERE version = ?")) {
            select.setLong(1, version);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private long insertRules(String yaml) throws SQLException {
        long version;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM sg_rules FOR UPDATE")) {
            rs.next();
            version = rs.getLong(1);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sg_rules (version, yaml, sha256, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))")) {
            insert.setLong(1, version);
            insert.setString(2, yaml);
            insert.setString(3, sha256(yaml));
            insert.executeUpdate();
        }
        return version;
    }

    // ---- workflows ------------------------------------------------------------------------------------------

    /**
     * Records a new workflow in state PLANNED, in one transaction with its rule versions. The current rules are the
     * published version; when none is published yet, {@code currentYaml} becomes version 1 and is published. When
     * one is, {@code currentYaml} must be its text (ignoring trailing blanks): a plan from other rules than the
     * routers run would move the wrong rows. {@code targetYaml} is stored as a new, unpublished version.
     *
     * @throws ReshardException (not possible) when the name is taken, another workflow is still active, or the
     *                          current rules differ from the published ones
     */
    public synchronized Workflow createWorkflow(String name, String currentYaml, String targetYaml)
            throws SQLException {
        inTransaction(() -> {
            if (workflowRow(name, true).isPresent()) {
                throw ReshardException.notPossible("workflow " + name + " already exists");
            }
            for (Workflow other : workflows()) {
                if (!other.state().terminal()) {
                    throw ReshardException.notPossible("workflow " + other.name() + " is still " + other.state()
                            + "; one resharding runs at a time");
                }
            }
            long fromVersion = publishedVersionOf(currentYaml);
            long toVersion = insertRules(targetYaml);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sg_workflow (name, state, from_version, to_version, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")) {
                insert.setString(1, name);
                insert.setString(2, WorkflowState.PLANNED.name());
                insert.setLong(3, fromVersion);
                insert.setLong(4, toVersion);
                insert.executeUpdate();
            }
            history(name, null, WorkflowState.PLANNED, "planned from rules v" + fromVersion + " to v" + toVersion);
            return null;
        });
        return workflow(name).orElseThrow();
    }

    private long publishedVersionOf(String yaml) throws SQLException {
        Optional<Long> current;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM sg_current_rules WHERE id = 1 FOR UPDATE")) {
            current = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
        if (current.isEmpty()) {
            long version = insertRules(yaml);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sg_current_rules (id, version, updated_at) VALUES (1, ?, UTC_TIMESTAMP(3))")) {
                insert.setLong(1, version);
                insert.executeUpdate();
            }
            return version;
        }
        String published = rulesYaml(current.get()).orElseThrow();
        if (!sha256(published).equals(sha256(yaml))) {
            throw ReshardException.notPossible("the --from rules differ from the published rules version "
                    + current.get() + " in the metadata store; plan from the rules the routers run");
        }
        return current.get();
    }

    public synchronized Optional<Workflow> workflow(String name) throws SQLException {
        return workflowRow(name, false);
    }

    public synchronized List<Workflow> workflows() throws SQLException {
        List<Workflow> out = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name, state, from_version, to_version, created_at, "
                     + "updated_at FROM sg_workflow ORDER BY created_at, name")) {
            while (rs.next()) {
                out.add(workflowOf(rs));
            }
        }
        return out;
    }

    /**
     * Moves a workflow from {@code from} to {@code to} in one transaction, with a history row.
     *
     * @throws ReshardException (not possible) when the workflow is no longer in state {@code from}
     */
    public synchronized void transition(String name, WorkflowState from, WorkflowState to, String note)
            throws SQLException {
        inTransaction(() -> {
            changeState(name, from, to, note);
            return null;
        });
    }

    /**
     * PLANNED to COPYING in one transaction, together with what the copy and the stream resume from: the change-log
     * position of each source data source (taken before the first row is read) and an empty checkpoint per source
     * shard.
     */
    public synchronized void beginCopy(String name, Map<String, String> gtidPositions, List<CopyCheckpoint> shards)
            throws SQLException {
        inTransaction(() -> {
            changeState(name, WorkflowState.PLANNED, WorkflowState.COPYING,
                    "change-log positions " + gtidPositions);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sg_stream_position (workflow, data_source, gtid, updated_at) "
                            + "VALUES (?, ?, ?, UTC_TIMESTAMP(3))")) {
                for (Map.Entry<String, String> position : gtidPositions.entrySet()) {
                    insert.setString(1, name);
                    insert.setString(2, position.getKey());
                    insert.setString(3, position.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sg_copy_checkpoint (workflow, table_name, source_node, estimated_rows, updated_at) "
                            + "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))")) {
                for (CopyCheckpoint shard : shards) {
                    insert.setString(1, name);
                    insert.setString(2, shard.table());
                    insert.setString(3, shard.sourceNode());
                    insert.setLong(4, shard.estimatedRows());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private void changeState(String name, WorkflowState from, WorkflowState to, String note) throws SQLException {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("no transition " + from + " -> " + to);
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sg_workflow SET state = ?, updated_at = UTC_TIMESTAMP(3) WHERE name = ? AND state = ?")) {
            update.setString(1, to.name());
            update.setString(2, name);
            update.setString(3, from.name());
            if (update.executeUpdate() != 1) {
                String actual = workflowRow(name, false).map(w -> "is " + w.state()).orElse("does not exist");
                throw ReshardException.notPossible("workflow " + name + " " + actual + ", not " + from
                        + "; cannot move it to " + to);
            }
        }
        history(name, from, to, note);
    }

    /** Every state change of the workflow, oldest first: {@code FROM -> TO at TIME: note}. */
    public synchronized List<String> history(String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT from_state, to_state, at, note FROM sg_workflow_history WHERE workflow = ? ORDER BY id")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add((rs.getString(1) == null ? "" : rs.getString(1) + " -> ") + rs.getString(2) + " at "
                            + instant(rs, 3) + (rs.getString(4) == null ? "" : ": " + rs.getString(4)));
                }
            }
        }
        return out;
    }

    private void history(String name, WorkflowState from, WorkflowState to, String note) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sg_workflow_history (workflow, from_state, to_state, at, note) "
                        + "VALUES (?, ?, ?, UTC_TIMESTAMP(3), ?)")) {
            insert.setString(1, name);
            insert.setString(2, from == null ? null : from.name());
            insert.setString(3, to.name());
            insert.setString(4, note == null ? null : note.substring(0, Math.min(note.length(), 1000)));
            insert.executeUpdate();
        }
    }

    private Optional<Workflow> workflowRow(String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name, state, from_version, to_version, "
                + "created_at, updated_at FROM sg_workflow WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(workflowOf(rs)) : Optional.empty();
            }
        }
    }

    private static Workflow workflowOf(ResultSet rs) throws SQLException {
        return new Workflow(rs.getString(1), WorkflowState.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                instant(rs, 5), instant(rs, 6));
    }

    // ---- the workflow lock ----------------------------------------------------------------------------------

    /**
     * Takes the workflow's exclusive lock for this process ({@code GET_LOCK} on this store's connection): only one
     * {@code start} may copy or stream a workflow at a time. The server releases it when the connection ends, also
     * when the process is killed, so a crashed tool never leaves it behind.
     */
    public synchronized boolean tryLock(String workflow) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            lock.setString(1, LOCK_PREFIX + workflow);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** True while some process holds the workflow's lock, i.e. a {@code start} is running. */
    public synchronized boolean lockedByAnyone(String workflow) throws SQLException {
        try (PreparedStatement used = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            used.setString(1, LOCK_PREFIX + workflow);
            try (ResultSet rs = used.executeQuery()) {
                return rs.next() && rs.getObject(1) != null;
            }
        }
    }

    // ---- target tables --------------------------------------------------------------------------------------

    /** Records a target table before it is created, so a cancel knows what this workflow made. */
    public synchronized void recordTargetTable(String workflow, String node, boolean created) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sg_target_table (workflow, node, created) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE node = node")) {
            insert.setString(1, workflow);
            insert.setString(2, node);
            insert.setBoolean(3, created);
            insert.executeUpdate();
        }
    }

    /** Target tables recorded for the workflow, each with whether this workflow created it. */
    public synchronized Map<String, Boolean> targetTables(String workflow) throws SQLException {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT node, created FROM sg_target_table WHERE workflow = ? ORDER BY node")) {
            select.setString(1, workflow);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return out;
    }

    // ---- copy checkpoints -----------------------------------------------------------------------------------

    public synchronized List<CopyCheckpoint> copyCheckpoints(String workflow) throws SQLException {
        List<CopyCheckpoint> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT table_name, source_node, last_key, "
                + "rows_scanned, rows_copied, estimated_rows, done, run_started_at, rows_at_run_start, updated_at "
                + "FROM sg_copy_checkpoint WHERE workflow = ? ORDER BY table_name, source_node")) {
            select.setString(1, workflow);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new CopyCheckpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getBoolean(7), instant(rs, 8), rs.getLong(9),
                            instant(rs, 10)));
                }
            }
        }
        return out;
    }

    /** Marks the start of a run of the copy of one source shard: the rate shown by status counts from here. */
    public synchronized void beginCopyRun(String workflow, String table, String sourceNode) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sg_copy_checkpoint SET "
                + "run_started_at = UTC_TIMESTAMP(3), rows_at_run_start = rows_scanned, updated_at = UTC_TIMESTAMP(3) "
                + "WHERE workflow = ? AND table_name = ? AND source_node = ?")) {
            update.setString(1, workflow);
            update.setString(2, table);
            update.setString(3, sourceNode);
            update.executeUpdate();
        }
    }

    /** Records that every row up to {@code lastKey} is copied; counters are totals, not increments. */
    public synchronized void saveCopyCheckpoint(String workflow, String table, String sourceNode, String lastKey,
                                                long rowsScanned, long rowsCopied, boolean done) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sg_copy_checkpoint SET last_key = ?, "
                + "rows_scanned = ?, rows_copied = ?, done = ?, updated_at = UTC_TIMESTAMP(3) "
                + "WHERE workflow = ? AND table_name = ? AND source_node = ?")) {
            update.setString(1, lastKey);
            update.setLong(2, rowsScanned);
            update.setLong(3, rowsCopied);
            update.setBoolean(4, done);
            update.setString(5, workflow);
            update.setString(6, table);
            update.setString(7, sourceNode);
            if (update.executeUpdate() != 1) {
                throw new SQLException("no copy checkpoint row for " + workflow + "/" + table + "/" + sourceNode);
            }
        }
    }

    // ---- stream positions -----------------------------------------------------------------------------------

    public synchronized List<StreamPosition> streamPositions(String workflow) throws SQLException {
        List<StreamPosition> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT data_source, gtid, events_applied, "
                + "last_event_at, updated_at FROM sg_stream_position WHERE workflow = ? ORDER BY data_source")) {
            select.setString(1, workflow);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new StreamPosition(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4),
                            instant(rs, 5)));
                }
            }
        }
        return out;
    }

    /** Saves the applied positions of several source data sources in one transaction. */
    public synchronized void saveStreamPositions(String workflow, List<StreamPosition> positions)
            throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sg_stream_position SET gtid = ?, "
                    + "events_applied = ?, last_event_at = ?, updated_at = UTC_TIMESTAMP(3) "
                    + "WHERE workflow = ? AND data_source = ?")) {
                for (StreamPosition position : positions) {
                    update.setString(1, position.gtid());
                    update.setLong(2, position.eventsApplied());
                    update.setTimestamp(3, position.lastEventAt() == null ? null
                            : Timestamp.valueOf(position.lastEventAt().atOffset(ZoneOffset.UTC).toLocalDateTime()));
                    update.setString(4, workflow);
                    update.setString(5, position.dataSource());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    // ---- routers --------------------------------------------------------------------------------------------

    /** Registers (or re-registers) a router with the rules version it runs. */
    public synchronized void registerRouter(String routerId, String kind, String host, long rulesVersion)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO sg_router (router_id, kind, host, "
                + "rules_version, registered_at, heartbeat_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)) "
                + "ON DUPLICATE KEY UPDATE kind = VALUES(kind), host = VALUES(host), "
                + "rules_version = VALUES(rules_version), registered_at = VALUES(registered_at), "
                + "heartbeat_at = VALUES(heartbeat_at)")) {
            upsert.setString(1, routerId);
            upsert.setString(2, kind);
            upsert.setString(3, host);
            upsert.setLong(4, rulesVersion);
            upsert.executeUpdate();
        }
    }

    /** A router's periodic sign of life; false when it is not registered (it must register again). */
    public synchronized boolean heartbeat(String routerId, long rulesVersion) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sg_router SET rules_version = ?, "
                + "heartbeat_at = UTC_TIMESTAMP(3) WHERE router_id = ?")) {
            update.setLong(1, rulesVersion);
            update.setString(2, routerId);
            return update.executeUpdate() == 1;
        }
    }

    public synchronized List<RouterRegistration> routers() throws SQLException {
        List<RouterRegistration> out = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT router_id, kind, host, rules_version, registered_at, "
                     + "heartbeat_at FROM sg_router ORDER BY router_id")) {
            while (rs.next()) {
                out.add(new RouterRegistration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        instant(rs, 5), instant(rs, 6)));
            }
        }
        return out;
    }

    /** The store's clock, so ages (heartbeats, lag) compare times taken by the same server. */
    public synchronized Instant now() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT UTC_TIMESTAMP(3)")) {
            rs.next();
            return instant(rs, 1);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    static String sha256(String yaml) {
        try {
            String normalized = yaml.stripTrailing().replace("\r\n", "\n");
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
