package io.shardgate.reshard.meta;

import io.shardgate.reshard.ReshardException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import static io.shardgate.reshard.meta.StoreConnection.instant;

/**
 * Reads and writes of a workflow's row, history and stream positions that {@link MetadataStore} and
 * {@link RouterSwitches} both make as part of their transactions. Callers hold the {@link StoreConnection}'s lock.
 */
final class WorkflowRows {
    private final StoreConnection db;

    WorkflowRows(StoreConnection db) {
        this.db = db;
    }

    Optional<Workflow> find(String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection().prepareStatement("SELECT name, state, from_version, "
                + "to_version, created_at, updated_at FROM sg_workflow WHERE name = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(workflowOf(rs)) : Optional.empty();
            }
        }
    }

    /** Reads a row of {@code SELECT name, state, from_version, to_version, created_at, updated_at}. */
    static Workflow workflowOf(ResultSet rs) throws SQLException {
        return new Workflow(rs.getString(1), WorkflowState.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                instant(rs, 5), instant(rs, 6));
    }

    /**
     * A conditional UPDATE from {@code from} to {@code to}, with a history row.
     *
     * @throws ReshardException (not possible) when the workflow is no longer in state {@code from}
     */
    void changeState(String name, WorkflowState from, WorkflowState to, String note) throws SQLException {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("no transition " + from + " -> " + to);
        }
        try (PreparedStatement update = connection().prepareStatement(
                "UPDATE sg_workflow SET state = ?, updated_at = UTC_TIMESTAMP(3) WHERE name = ? AND state = ?")) {
            update.setString(1, to.name());
            update.setString(2, name);
            update.setString(3, from.name());
            if (update.executeUpdate() != 1) {
                String actual = find(name, false).map(w -> "is " + w.state()).orElse("does not exist");
                throw ReshardException.notPossible("workflow " + name + " " + actual + ", not " + from
                        + "; cannot move it to " + to);
            }
        }
        history(name, from, to, note);
    }

    /** Locks the workflow's row and checks its state. */
    void requireState(String name, WorkflowState state) throws SQLException {
        WorkflowState actual = find(name, true).map(Workflow::state).orElse(null);
        if (actual != state) {
            throw ReshardException.notPossible("workflow " + name + " is " + actual + ", not " + state);
        }
    }

    void history(String name, WorkflowState from, WorkflowState to, String note) throws SQLException {
        try (PreparedStatement insert = connection().prepareStatement(
                "INSERT INTO sg_workflow_history (workflow, from_state, to_state, at, note) "
                        + "VALUES (?, ?, ?, UTC_TIMESTAMP(3), ?)")) {
            insert.setString(1, name);
            insert.setString(2, from == null ? null : from.name());
            insert.setString(3, to.name());
            insert.setString(4, note == null ? null : note.substring(0, Math.min(note.length(), 1000)));
            insert.executeUpdate();
        }
    }

    /** Where a stream in {@code direction} starts, per source data source. */
    void insertStreamPositions(String workflow, StreamDirection direction, Map<String, String> positions)
            throws SQLException {
        try (PreparedStatement insert = connection().prepareStatement("INSERT INTO sg_stream_position (workflow, "
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

    private Connection connection() {
        return db.connection();
    }
}
