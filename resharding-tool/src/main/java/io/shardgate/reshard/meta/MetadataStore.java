package io.shardgate.reshard.meta;

import io.shardgate.reshard.ReshardException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.shardgate.reshard.meta.StoreConnection.instant;

/**
 * Workflow state, versioned rules, copy checkpoints and change-stream positions, kept in tables of a MariaDB/MySQL
 * database the operator designates; router registrations and switch attempts are in {@link #routerSwitches()}.
 * Every state change is one transaction, and a state transition is a conditional UPDATE on the expected current
 * state: of two tools racing, exactly one wins. Timestamps are UTC. Thread-safe: every call holds the lock of the
 * one connection; one tool process owns one store.
 */
public final class MetadataStore implements AutoCloseable {
    private static final String LOCK_PREFIX = "shardgate-reshard:";

    private final StoreConnection db;
    private final WorkflowRows workflows;
    private final RouterSwitches routerSwitches;

    private MetadataStore(StoreConnection db) {
        this.db = db;
        this.workflows = new WorkflowRows(db);
        this.routerSwitches = new RouterSwitches(db, workflows);
    }

    /**
     * Connects and creates the tables that are missing.
     *
     * @param user     null to take it from the URL
     * @param password null to take it from the URL
     */
    public static MetadataStore open(String url, String user, String password) throws SQLException {
        return new MetadataStore(StoreConnection.open(url, user, password));
    }

    /** Router registrations and switch attempts, on this store's connection. */
    public RouterSwitches routerSwitches() {
        return routerSwitches;
    }

    // ---- rules versions -------------------------------------------------------------------------------------

    public Optional<Long> currentVersion() throws SQLException {
        return db.locked(() -> {
            try (Statement statement = connection().createStatement();
                 ResultSet rs = statement.executeQuery("SELECT version FROM sg_current_rules WHERE id = 1")) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    public Optional<String> rulesYaml(long version) throws SQLException {
        return db.locked(() -> {
            try (PreparedStatement select = connection().prepareStatement(
                    "SELECT yaml FROM sg_rules WHERE version = ?")) {
                select.setLong(1, version);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private long insertRules(String yaml) throws SQLException {
        long version;
        try (Statement statement = connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM sg_rules FOR UPDATE")) {
            rs.next();
            version = rs.getLong(1);
        }
        try (PreparedStatement insert = connection().prepareStatement(
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
    public Workflow createWorkflow(String name, String currentYaml, String targetYaml, List<String> movingTables)
            throws SQLException {
        db.inTransaction(() -> {
            if (workflows.find(name, true).isPresent()) {
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
            try (PreparedStatement insert = connection().prepareStatement(
                    "INSERT INTO sg_workflow (name, state, from_version, to_version, moving_tables, created_at, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")) {
                insert.setString(1, name);
                insert.setString(2, WorkflowState.PLANNED.name());
                insert.setLong(3, fromVersion);
                insert.setLong(4, toVersion);
                insert.setString(5, String.join(",", movingTables));
                insert.executeUpdate();
            }
            workflows.history(name, null, WorkflowState.PLANNED, "planned from rules v" + fromVersion + " to v"
                    + toVersion);
            return null;
        });
        return workflow(name).orElseThrow();
    }

    private long publishedVersionOf(String yaml) throws SQLException {
        Optional<Long> current;
        try (Statement statement = connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM sg_current_rules WHERE id = 1 FOR UPDATE")) {
            current = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
        if (current.isEmpty()) {
            long version = insertRules(yaml);
            try (PreparedStatement insert = connection().prepareStatement(
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

    public Optional<Workflow> workflow(String name) throws SQLException {
        return db.locked(() -> workflows.find(name, false));
    }

    public List<Workflow> workflows() throws SQLException {
        return db.locked(() -> {
            List<Workflow> out = new ArrayList<>();
            try (Statement statement = connection().createStatement();
                 ResultSet rs = statement.executeQuery("SELECT name, state, from_version, to_version, created_at, "
                         + "updated_at FROM sg_workflow ORDER BY created_at, name")) {
                while (rs.next()) {
                    out.add(WorkflowRows.workflowOf(rs));
                }
            }
            return out;
        });
    }

    /**
     * Moves a workflow from {@code from} to {@code to} in one transaction, with a history row.
     *
     * @throws ReshardException (not possible) when the workflow is no longer in state {@code from}
     */
    public void transition(String name, WorkflowState from, WorkflowState to, String note) throws SQLException {
        db.inTransaction(() -> {
            workflows.changeState(name, from, to, note);
            return null;
        });
    }

    /**
     * PLANNED to COPYING in one transaction, together with what the copy and the stream resume from: the change-log
     * position of each source data source (taken before the first row is read) and an empty checkpoint per source
     * shard.
     */
    public void beginCopy(String name, Map<String, String> gtidPositions, List<CopyCheckpoint> shards)
            throws SQLException {
        db.inTransaction(() -> {
            workflows.changeState(name, WorkflowState.PLANNED, WorkflowState.COPYING,
                    "change-log positions " + gtidPositions);
            workflows.insertStreamPositions(name, StreamDirection.FORWARD, gtidPositions);
            try (PreparedStatement insert = connection().prepareStatement(
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

    /** Every state change of the workflow, oldest first: {@code FROM -> TO at TIME: note}. */
    public List<String> history(String name) throws SQLException {
        return db.locked(() -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement select = connection().prepareStatement("SELECT from_state, to_state, at, note "
                    + "FROM sg_workflow_history WHERE workflow = ? ORDER BY id")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add((rs.getString(1) == null ? "" : rs.getString(1) + " -> ") + rs.getString(2) + " at "
                                + instant(rs, 3) + (rs.getString(4) == null ? "" : ": " + rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    // ---- the workflow lock ----------------------------------------------------------------------------------

    /**
     * Takes the workflow's exclusive lock for this process ({@code GET_LOCK} on this store's connection): only one
     * {@code start} may copy or stream a workflow at a time. The server releases it when the connection ends, also
     * when the process is killed, so a crashed tool never leaves it behind.
     */
    public boolean tryLock(String workflow) throws SQLException {
        return lock(workflow, Duration.ZERO);
    }

    /** As {@link #tryLock}, waiting up to {@code wait} for the holder to let go. */
    public boolean lock(String workflow, Duration wait) throws SQLException {
        return db.locked(() -> {
            try (PreparedStatement lock = connection().prepareStatement("SELECT GET_LOCK(?, ?)")) {
                lock.setString(1, LOCK_PREFIX + workflow);
                lock.setDouble(2, wait.toMillis() / 1000.0);
                try (ResultSet rs = lock.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    /** Lets go of the workflow lock this process holds. */
    public void unlock(String workflow) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement unlock = connection().prepareStatement("SELECT RELEASE_LOCK(?)")) {
                unlock.setString(1, LOCK_PREFIX + workflow);
                unlock.executeQuery().close();
            }
            return null;
        });
    }

    /** True while some process holds the workflow's lock, i.e. a {@code start} is running. */
    public boolean lockedByAnyone(String workflow) throws SQLException {
        return db.locked(() -> {
            try (PreparedStatement used = connection().prepareStatement("SELECT IS_USED_LOCK(?)")) {
                used.setString(1, LOCK_PREFIX + workflow);
                try (ResultSet rs = used.executeQuery()) {
                    return rs.next() && rs.getObject(1) != null;
                }
            }
        });
    }

    // ---- target tables --------------------------------------------------------------------------------------

    /** Records a target table before it is created, so a cancel knows what this workflow made. */
    public void recordTargetTable(String workflow, String node, boolean created) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement insert = connection().prepareStatement(
                    "INSERT INTO sg_target_table (workflow, node, created) VALUES (?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE node = node")) {
                insert.setString(1, workflow);
                insert.setString(2, node);
                insert.setBoolean(3, created);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Target tables recorded for the workflow, each with whether this workflow created it. */
    public Map<String, Boolean> targetTables(String workflow) throws SQLException {
        return db.locked(() -> {
            Map<String, Boolean> out = new LinkedHashMap<>();
            try (PreparedStatement select = connection().prepareStatement(
                    "SELECT node, created FROM sg_target_table WHERE workflow = ? ORDER BY node")) {
                select.setString(1, workflow);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getBoolean(2));
                    }
                }
            }
            return out;
        });
    }

    // ---- copy checkpoints -----------------------------------------------------------------------------------

    public List<CopyCheckpoint> copyCheckpoints(String workflow) throws SQLException {
        return db.locked(() -> {
            List<CopyCheckpoint> out = new ArrayList<>();
            try (PreparedStatement select = connection().prepareStatement("SELECT table_name, source_node, "
                    + "last_key, rows_scanned, rows_copied, estimated_rows, done, run_started_at, rows_at_run_start, "
                    + "updated_at FROM sg_copy_checkpoint WHERE workflow = ? ORDER BY table_name, source_node")) {
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
        });
    }

    /** Marks the start of a run of the copy of one source shard: the rate shown by status counts from here. */
    public void beginCopyRun(String workflow, String table, String sourceNode) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement update = connection().prepareStatement("UPDATE sg_copy_checkpoint SET "
                    + "run_started_at = UTC_TIMESTAMP(3), rows_at_run_start = rows_scanned, "
                    + "updated_at = UTC_TIMESTAMP(3) WHERE workflow = ? AND table_name = ? AND source_node = ?")) {
                update.setString(1, workflow);
                update.setString(2, table);
                update.setString(3, sourceNode);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Records that every row up to {@code lastKey} is copied; counters are totals, not increments. */
    public void saveCopyCheckpoint(String workflow, String table, String sourceNode, String lastKey,
                                   long rowsScanned, long rowsCopied, boolean done) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement update = connection().prepareStatement("UPDATE sg_copy_checkpoint SET "
                    + "last_key = ?, rows_scanned = ?, rows_copied = ?, done = ?, updated_at = UTC_TIMESTAMP(3) "
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
            return null;
        });
    }

    // ---- stream positions -----------------------------------------------------------------------------------

    public List<StreamPosition> streamPositions(String workflow, StreamDirection direction) throws SQLException {
        return db.locked(() -> {
            List<StreamPosition> out = new ArrayList<>();
            try (PreparedStatement select = connection().prepareStatement("SELECT data_source, gtid, "
                    + "events_applied, last_event_at, updated_at FROM sg_stream_position WHERE workflow = ? "
                    + "AND direction = ? ORDER BY data_source")) {
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
        });
    }

    /** Saves the applied positions of several source data sources in one transaction. */
    public void saveStreamPositions(String workflow, StreamDirection direction, List<StreamPosition> positions)
            throws SQLException {
        db.inTransaction(() -> {
            try (PreparedStatement update = connection().prepareStatement("UPDATE sg_stream_position SET gtid = ?, "
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
    public void deleteStreamPositions(String workflow, StreamDirection direction) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement delete = connection().prepareStatement(
                    "DELETE FROM sg_stream_position WHERE workflow = ? AND direction = ?")) {
                delete.setString(1, workflow);
                delete.setString(2, direction.column());
                delete.executeUpdate();
            }
            return null;
        });
    }

    // ---- handing the stream over ----------------------------------------------------------------------------

    /** Asks the {@code start} that streams the workflow to stop and hand the workflow lock to {@code command}. */
    public void requestHandover(String workflow, String command) throws SQLException {
        setHandover(workflow, command);
    }

    public void clearHandover(String workflow) throws SQLException {
        setHandover(workflow, null);
    }

    private void setHandover(String workflow, String command) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement update = connection().prepareStatement(
                    "UPDATE sg_workflow SET handover_requested_by = ? WHERE name = ?")) {
                update.setString(1, command);
                update.setString(2, workflow);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The command waiting for the workflow lock, if one asked for it. */
    public Optional<String> handoverRequested(String workflow) throws SQLException {
        return db.locked(() -> {
            try (PreparedStatement select = connection().prepareStatement(
                    "SELECT handover_requested_by FROM sg_workflow WHERE name = ?")) {
                select.setString(1, workflow);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The store's clock, so ages (heartbeats, lag) compare times taken by the same server. */
    public Instant now() throws SQLException {
        return db.locked(() -> {
            try (Statement statement = connection().createStatement();
                 ResultSet rs = statement.executeQuery("SELECT UTC_TIMESTAMP(3)")) {
                rs.next();
                return instant(rs, 1);
            }
        });
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }

    private Connection connection() {
        return db.connection();
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
