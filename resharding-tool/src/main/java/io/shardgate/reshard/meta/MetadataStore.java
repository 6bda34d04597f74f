package io.shardgate.reshard.meta;

import io.shardgate.engine.rules.SwitchPhase;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
    public synchronized Workflow createWorkflow(String name, String currentYaml, String targetYaml,
                                                List<String> movingTables) throws SQLException {
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
                    "INSERT INTO sg_workflow (name, state, from_version, to_version, moving_tables, created_at, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")) {
                insert.setString(1, name);
                insert.setString(2, WorkflowState.PLANNED.name());
                insert.setLong(3, fromVersion);
                insert.setLong(4, toVersion);
                insert.setString(5, String.join(",", movingTables));
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
            insertStreamPositions(name, StreamDirection.FORWARD, gtidPositions);
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

    /** As {@link #tryLock}, waiting up to {@code wait} for the holder to let go. */
    public synchronized boolean lock(String workflow, Duration wait) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            lock.setString(1, LOCK_PREFIX + workflow);
            lock.setDouble(2, wait.toMillis() / 1000.0);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** Lets go of the workflow lock this process holds. */
    public synchronized void unlock(String workflow) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            unlock.setString(1, LOCK_PREFIX + workflow);
            unlock.executeQuery().close();
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

    private void insertStreamPositions(String workflow, StreamDirection direction, Map<String, String> positions)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sg_stream_position (workflow, "
                + "direction, data_source, gtid, updated_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))")) {
            for (Map.Entry<String, String> position : positions.entrySet()) {
                insert.setString(1, workflow);
                insert.setString(2, direction.column());
                insert.setString(3, position.getKey());
                insert.setString(4, position.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public synchronized List<StreamPosition> streamPositions(String workflow, StreamDirection direction)
            throws SQLException {
        List<StreamPosition> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT data_source, gtid, events_applied, "
                + "last_event_at, updated_at FROM sg_stream_position WHERE workflow = ? AND direction = ? "
                + "ORDER BY data_source")) {
            select.setString(1, workflow);
            select.setString(2, direction.column());
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
    public synchronized void saveStreamPositions(String workflow, StreamDirection direction,
                                                 List<StreamPosition> positions) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sg_stream_position SET gtid = ?, "
                    + "events_applied = ?, last_event_at = ?, updated_at = UTC_TIMESTAMP(3) "
                    + "WHERE workflow = ? AND direction = ? AND data_source = ?")) {
                for (StreamPosition position : positions) {
                    update.setString(1, position.gtid());
                    update.setLong(2, position.eventsApplied());
                    update.setTimestamp(3, position.lastEventAt() == null ? null
                            : Timestamp.valueOf(position.lastEventAt().atOffset(ZoneOffset.UTC).toLocalDateTime()));
                    update.setString(4, workflow);
                    update.setString(5, direction.column());
                    update.setString(6, position.dataSource());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** Forgets a stream's positions, once nothing will run it again. */
    public synchronized void deleteStreamPositions(String workflow, StreamDirection direction) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM sg_stream_position WHERE workflow = ? AND direction = ?")) {
            delete.setString(1, workflow);
            delete.setString(2, direction.column());
            delete.executeUpdate();
        }
    }

    // ---- routers --------------------------------------------------------------------------------------------

    /** Registers (or re-registers) a router with the rules version it runs. */
    public synchronized void registerRouter(String routerId, String kind, String host, long pid, long rulesVersion)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO sg_router (router_id, kind, host, "
                + "pid, rules_version, registered_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3), "
                + "UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE kind = VALUES(kind), host = VALUES(host), "
                + "pid = VALUES(pid), rules_version = VALUES(rules_version), registered_at = VALUES(registered_at), "
                + "heartbeat_at = VALUES(heartbeat_at)")) {
            upsert.setString(1, routerId);
            upsert.setString(2, kind);
            upsert.setString(3, host);
            upsert.setLong(4, pid);
            upsert.setLong(5, rulesVersion);
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
        return routersWhere("", null);
    }

    /** Routers whose last heartbeat, by the store's clock, is no older than {@code lease}. */
    public synchronized List<RouterRegistration> liveRouters(Duration lease) throws SQLException {
        return routersWhere(" WHERE heartbeat_at >= UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND",
                lease.toNanos() / 1000);
    }

    private List<RouterRegistration> routersWhere(String where, Long parameter) throws SQLException {
        List<RouterRegistration> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT router_id, kind, host, pid, "
                + "rules_version, registered_at, heartbeat_at FROM sg_router" + where + " ORDER BY router_id")) {
            if (parameter != null) {
                select.setLong(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new RouterRegistration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), instant(rs, 6), instant(rs, 7)));
                }
            }
        }
        return out;
    }

    // ---- switches (cutover, rollback) -----------------------------------------------------------------------

    /**
     * Starts a new switch attempt in phase PREPARE, and moves the workflow {@code from -> to} in the same
     * transaction when {@code to} is not null. Returns the attempt number.
     */
    public synchronized int beginSwitch(String workflow, String kind, Collection<String> tables, long fromVersion,
                                        long toVersion, WorkflowState from, WorkflowState to) throws SQLException {
        return inTransaction(() -> {
            if (to != null) {
                changeState(workflow, from, to, kind + " begins: rules v" + fromVersion + " -> v" + toVersion);
            } else {
                requireState(workflow, from);
            }
            int attempt;
            try (PreparedStatement next = connection.prepareStatement(
                    "SELECT COALESCE(MAX(attempt), 0) + 1 FROM sg_switch WHERE workflow = ? FOR UPDATE")) {
                next.setString(1, workflow);
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    attempt = rs.getInt(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sg_switch (workflow, attempt, "
                    + "kind, phase, tables, from_version, to_version, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    + "UTC_TIMESTAMP(3))")) {
                insert.setString(1, workflow);
                insert.setInt(2, attempt);
                insert.setString(3, kind);
                insert.setString(4, SwitchPhase.PREPARE.name());
                insert.setString(5, String.join(",", tables));
                insert.setLong(6, fromVersion);
                insert.setLong(7, toVersion);
                insert.executeUpdate();
            }
            return attempt;
        });
    }

    /** Asks the routers to hold writes: phase PREPARE -> HOLD. */
    public synchronized void holdSwitch(String workflow, int attempt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sg_switch SET phase = ?, "
                + "hold_at = UTC_TIMESTAMP(3) WHERE workflow = ? AND attempt = ? AND phase = ?")) {
            update.setString(1, SwitchPhase.HOLD.name());
            update.setString(2, workflow);
            update.setInt(3, attempt);
            update.setString(4, SwitchPhase.PREPARE.name());
            if (update.executeUpdate() != 1) {
                throw ReshardException.notPossible("switch attempt " + attempt + " of workflow " + workflow
                        + " is no longer preparing");
            }
        }
    }

    public synchronized List<SwitchAck> switchAcks(String workflow, int attempt) throws SQLException {
        List<SwitchAck> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT router_id, prepared_at, error, held_at, "
                + "released_at, hold_millis FROM sg_switch_ack WHERE workflow = ? AND attempt = ? ORDER BY router_id")) {
            select.setString(1, workflow);
            select.setInt(2, attempt);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long holdMillis = rs.getLong(6);
                    out.add(new SwitchAck(rs.getString(1), instant(rs, 2), rs.getString(3), instant(rs, 4),
                            instant(rs, 5), rs.wasNull() ? null : holdMillis));
                }
            }
        }
        return out;
    }

    /** Switch attempts of the workflow still in PREPARE or HOLD, e.g. left by a tool that was killed. */
    public synchronized List<Integer> unfinishedSwitches(String workflow) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT attempt FROM sg_switch WHERE workflow = ? "
                + "AND phase IN ('PREPARE', 'HOLD') ORDER BY attempt")) {
            select.setString(1, workflow);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    /**
     * Ends a switch attempt without publishing (routers release onto the rules they run) and, when {@code to} is
     * not null, moves the workflow back {@code from -> to}, in one transaction.
     */
    public synchronized void abortSwitch(String workflow, int attempt, String note, WorkflowState from,
                                         WorkflowState to) throws SQLException {
        inTransaction(() -> {
            endSwitch(workflow, attempt, SwitchPhase.ABORTED, note);
            if (to != null) {
                changeState(workflow, from, to, note);
            }
            return null;
        });
    }

    /**
     * Publishes {@code version} and ends the switch attempt in one transaction, moving the workflow
     * {@code from -> to} and recording where a stream in {@code direction} starts ({@code positions} may be empty).
     */
    public synchronized void publishSwitch(String workflow, int attempt, long version, WorkflowState from,
                                           WorkflowState to, String note, StreamDirection direction,
                                           Map<String, String> positions) throws SQLException {
        inTransaction(() -> {
            endSwitch(workflow, attempt, SwitchPhase.PUBLISHED, note);
            try (PreparedStatement update = connection.prepareStatement("UPDATE sg_current_rules SET version = ?, "
                    + "updated_at = UTC_TIMESTAMP(3) WHERE id = 1")) {
                update.setLong(1, version);
                update.executeUpdate();
            }
            changeState(workflow, from, to, note);
            if (!positions.isEmpty()) {
                insertStreamPositions(workflow, direction, positions);
            }
            return null;
        });
    }

    private void endSwitch(String workflow, int attempt, SwitchPhase phase, String note) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sg_switch SET phase = ?, "
                + "ended_at = UTC_TIMESTAMP(3), note = ? WHERE workflow = ? AND attempt = ? "
                + "AND phase IN ('PREPARE', 'HOLD')")) {
            update.setString(1, phase.name());
            update.setString(2, note == null ? null : note.substring(0, Math.min(note.length(), 2000)));
            update.setString(3, workflow);
            update.setInt(4, attempt);
            if (update.executeUpdate() != 1) {
                throw ReshardException.notPossible("switch attempt " + attempt + " of workflow " + workflow
                        + " has already ended");
            }
        }
    }

    private void requireState(String workflow, WorkflowState state) throws SQLException {
        WorkflowState actual = workflowRow(workflow, true).map(Workflow::state).orElse(null);
        if (actual != state) {
            throw ReshardException.notPossible("workflow " + workflow + " is " + actual + ", not " + state);
        }
    }

    // ---- handing the stream over ----------------------------------------------------------------------------

    /** Asks the {@code start} that streams the workflow to stop and hand the workflow lock to {@code command}. */
    public synchronized void requestHandover(String workflow, String command) throws SQLException {
        setHandover(workflow, command);
    }

    public synchronized void clearHandover(String workflow) throws SQLException {
        setHandover(workflow, null);
    }

    private void setHandover(String workflow, String command) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sg_workflow SET handover_requested_by = ? WHERE name = ?")) {
            update.setString(1, command);
            update.setString(2, workflow);
            update.executeUpdate();
        }
    }

    /** The command waiting for the workflow lock, if one asked for it. */
    public synchronized Optional<String> handoverRequested(String workflow) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT handover_requested_by FROM sg_workflow WHERE name = ?")) {
            select.setString(1, workflow);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
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
