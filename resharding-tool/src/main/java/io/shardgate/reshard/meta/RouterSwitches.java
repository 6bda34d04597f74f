package io.shardgate.reshard.meta;

import io.shardgate.engine.rules.SwitchPhase;
import io.shardgate.reshard.ReshardException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.shardgate.reshard.meta.StoreConnection.instant;

/**
 * The metadata store's side of the router protocol: router registrations and heartbeats, and the switch attempts
 * (cutover, rollback) the routers follow through PREPARE and HOLD to PUBLISHED or ABORTED, with their
 * acknowledgements. A switch's end moves the workflow in the same transaction. Obtained from
 * {@link MetadataStore#routerSwitches()}; shares its connection.
 */
public final class RouterSwitches {
    private final StoreConnection db;
    private final WorkflowRows workflows;

    RouterSwitches(StoreConnection db, WorkflowRows workflows) {
        this.db = db;
        this.workflows = workflows;
    }

    // ---- routers --------------------------------------------------------------------------------------------

    /** Registers (or re-registers) a router with the rules version it runs. */
    public void registerRouter(String routerId, String kind, String host, long pid, long rulesVersion)
            throws SQLException {
        db.locked(() -> {
            try (PreparedStatement upsert = connection().prepareStatement("INSERT INTO sg_router (router_id, kind, "
                    + "host, pid, rules_version, registered_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE kind = VALUES(kind), "
                    + "host = VALUES(host), pid = VALUES(pid), rules_version = VALUES(rules_version), "
                    + "registered_at = VALUES(registered_at), heartbeat_at = VALUES(heartbeat_at)")) {
                upsert.setString(1, routerId);
                upsert.setString(2, kind);
                upsert.setString(3, host);
                upsert.setLong(4, pid);
                upsert.setLong(5, rulesVersion);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** A router's periodic sign of life; false when it is not registered (it must register again). */
    public boolean heartbeat(String routerId, long rulesVersion) throws SQLException {
        return db.locked(() -> {
            try (PreparedStatement update = connection().prepareStatement("UPDATE sg_router SET rules_version = ?, "
                    + "heartbeat_at = UTC_TIMESTAMP(3) WHERE router_id = ?")) {
                update.setLong(1, rulesVersion);
                update.setString(2, routerId);
                return update.executeUpdate() == 1;
            }
        });
    }

    public List<RouterRegistration> routers() throws SQLException {
        return routersWhere("", null);
    }

    /** Routers whose last heartbeat, by the store's clock, is no older than {@code lease}. */
    public List<RouterRegistration> liveRouters(Duration lease) throws SQLException {
        return routersWhere(" WHERE heartbeat_at >= UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND",
                lease.toNanos() / 1000);
    }

    private List<RouterRegistration> routersWhere(String where, Long parameter) throws SQLException {
        return db.locked(() -> {
            List<RouterRegistration> out = new ArrayList<>();
            try (PreparedStatement select = connection().prepareStatement("SELECT router_id, kind, host, pid, "
                    + "rules_version, registered_at, heartbeat_at FROM sg_router" + where + " ORDER BY router_id")) {
                if (parameter != null) {
                    select.setLong(1, parameter);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RouterRegistration(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getLong(4), rs.getLong(5), instant(rs, 6), instant(rs, 7)));
                    }
                }
            }
            return out;
        });
    }

    // ---- switch attempts ------------------------------------------------------------------------------------

    /**
     * Starts a new switch attempt in phase PREPARE, and moves the workflow {@code from -> to} in the same
     * transaction when {@code to} is not null. Returns the attempt number.
     */
    public int beginSwitch(String workflow, String kind, Collection<String> tables, long fromVersion,
                           long toVersion, WorkflowState from, WorkflowState to) throws SQLException {
        return db.inTransaction(() -> {
            if (to != null) {
                workflows.changeState(workflow, from, to, kind + " begins: rules v" + fromVersion + " -> v"
                        + toVersion);
            } else {
                workflows.requireState(workflow, from);
            }
            int attempt;
            try (PreparedStatement next = connection().prepareStatement(
                    "SELECT COALESCE(MAX(attempt), 0) + 1 FROM sg_switch WHERE workflow = ? FOR UPDATE")) {
                next.setString(1, workflow);
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    attempt = rs.getInt(1);
                }
            }
            try (PreparedStatement insert = connection().prepareStatement("INSERT INTO sg_switch (workflow, "
                    + "attempt, kind, phase, tables, from_version, to_version, started_at) VALUES (?, ?, ?, ?, ?, ?, "
                    + "?, UTC_TIMESTAMP(3))")) {
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
    public void holdSwitch(String workflow, int attempt) throws SQLException {
        db.locked(() -> {
            try (PreparedStatement update = connection().prepareStatement("UPDATE sg_switch SET phase = ?, "
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
            return null;
        });
    }

    public List<SwitchAck> switchAcks(String workflow, int attempt) throws SQLException {
        return db.locked(() -> {
            List<SwitchAck> out = new ArrayList<>();
            try (PreparedStatement select = connection().prepareStatement("SELECT router_id, prepared_at, error, "
                    + "held_at, released_at, hold_millis FROM sg_switch_ack WHERE workflow = ? AND attempt = ? "
                    + "ORDER BY router_id")) {
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
        });
    }

    /** Switch attempts of the workflow still in PREPARE or HOLD, e.g. left by a tool that was killed. */
    public List<Integer> unfinishedSwitches(String workflow) throws SQLException {
        return db.locked(() -> {
            List<Integer> out = new ArrayList<>();
            try (PreparedStatement select = connection().prepareStatement("SELECT attempt FROM sg_switch "
                    + "WHERE workflow = ? AND phase IN ('PREPARE', 'HOLD') ORDER BY attempt")) {
                select.setString(1, workflow);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
            }
            return out;
        });
    }

    /** The latest attempt of this kind ({@code cutover}, {@code rollback}) that published its rules. */
    public Optional<Integer> lastPublished(String workflow, String kind) throws SQLException {
        return db.locked(() -> {
            try (PreparedStatement select = connection().prepareStatement("SELECT MAX(attempt) FROM sg_switch "
                    + "WHERE workflow = ? AND kind = ? AND phase = ?")) {
                select.setString(1, workflow);
                select.setString(2, kind);
                select.setString(3, SwitchPhase.PUBLISHED.name());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    int attempt = rs.getInt(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(attempt);
                }
            }
        });
    }

    /**
     * Ends a switch attempt without publishing (routers release onto the rules they run) and, when {@code to} is
     * not null, moves the workflow back {@code from -> to}, in one transaction.
     */
    public void abortSwitch(String workflow, int attempt, String note, WorkflowState from, WorkflowState to)
            throws SQLException {
        db.inTransaction(() -> {
            endSwitch(workflow, attempt, SwitchPhase.ABORTED, note);
            if (to != null) {
                workflows.changeState(workflow, from, to, note);
            }
            return null;
        });
    }

    /**
     * Publishes {@code version} and ends the switch attempt in one transaction, moving the workflow
     * {@code from -> to} and recording where a stream in {@code direction} starts ({@code positions} may be empty).
     */
    public void publishSwitch(String workflow, int attempt, long version, WorkflowState from, WorkflowState to,
                              String note, StreamDirection direction, Map<String, String> positions)
            throws SQLException {
        db.inTransaction(() -> {
            endSwitch(workflow, attempt, SwitchPhase.PUBLISHED, note);
            try (PreparedStatement update = connection().prepareStatement("UPDATE sg_current_rules SET version = ?, "
                    + "updated_at = UTC_TIMESTAMP(3) WHERE id = 1")) {
                update.setLong(1, version);
                update.executeUpdate();
            }
            workflows.changeState(workflow, from, to, note);
            if (!positions.isEmpty()) {
                workflows.insertStreamPositions(workflow, direction, positions);
            }
            return null;
        });
    }

    private void endSwitch(String workflow, int attempt, SwitchPhase phase, String note) throws SQLException {
        try (PreparedStatement update = connection().prepareStatement("UPDATE sg_switch SET phase = ?, "
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

    private Connection connection() {
        return db.connection();
    }
}
