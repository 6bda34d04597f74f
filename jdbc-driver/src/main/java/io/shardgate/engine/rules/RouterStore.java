package io.shardgate.engine.rules;

import io.shardgate.config.EndpointConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A router's side of the metadata store: one connection, opened on first use and again after any failure, every
 * read and write a single autocommit statement. Times are the store's own ({@code UTC_TIMESTAMP(3)}), so the tool
 * compares heartbeats with one clock. Used by the watcher thread only (and once at engine start).
 */
final class RouterStore implements AutoCloseable {
    private static final int NETWORK_TIMEOUT_MILLIS = 2_000;
    private static final String SNAPSHOT = "SELECT r.version, w.name, w.moving_tables, s.attempt, s.kind, s.phase, "
            + "s.tables, s.to_version FROM (SELECT 1 AS one) one "
            + "LEFT JOIN sg_current_rules r ON r.id = 1 "
            + "LEFT JOIN sg_workflow w ON w.state IN ('" + String.join("', '", ProtocolTables.ACTIVE_WORKFLOW_STATES)
            + "') LEFT JOIN sg_switch s ON s.workflow = w.name AND s.phase IN ('PREPARE', 'HOLD') "
            + "ORDER BY s.attempt DESC LIMIT 1";

    private final EndpointConfig endpoint;
    private Connection connection;

    RouterStore(EndpointConfig endpoint) {
        this.endpoint = endpoint;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            if (endpoint.user() != null) {
                properties.setProperty("user", endpoint.user());
            }
            if (endpoint.password() != null) {
                properties.setProperty("password", endpoint.password());
            }
            Connection opened = DriverManager.getConnection(endpoint.url(), properties);
            try {
                // a store that stops answering must not stall the watcher past the self-fence delay
                opened.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                ProtocolTables.createMissing(opened);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    /** Drops the connection after a failure; the next call reconnects. */
    void reset() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it failed already; a new one is opened on the next call
            }
            connection = null;
        }
    }

    StoreSnapshot snapshot() throws SQLException {
        try (PreparedStatement select = connection().prepareStatement(SNAPSHOT);
             ResultSet rs = select.executeQuery()) {
            rs.next();
            long version = rs.getLong(1);
            Set<String> moving = rs.getString(2) == null ? Set.of() : tables(rs.getString(3));
            SwitchRequest active = null;
            if (rs.getObject(4) != null) {
                active = new SwitchRequest(rs.getString(2), rs.getInt(4), rs.getString(5),
                        SwitchPhase.valueOf(rs.getString(6)), tables(rs.getString(7)), rs.getLong(8));
            }
            return new StoreSnapshot(version, moving, active);
        }
    }

    String rulesYaml(long version) throws SQLException {
        try (PreparedStatement select = connection().prepareStatement("SELECT yaml FROM sg_rules WHERE version = ?")) {
            select.setLong(1, version);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("rules version " + version + " is missing from the metadata store");
                }
                return rs.getString(1);
            }
        }
    }

    void register(RouterIdentity identity, long version) throws SQLException {
        try (PreparedStatement upsert = connection().prepareStatement("INSERT INTO sg_router (router_id, kind, host, "
                + "pid, rules_version, registered_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3), "
                + "UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE rules_version = VALUES(rules_version), "
                + "heartbeat_at = VALUES(heartbeat_at)")) {
            upsert.setString(1, identity.id());
            upsert.setString(2, identity.kind());
            upsert.setString(3, identity.host());
            upsert.setLong(4, identity.pid());
            upsert.setLong(5, version);
            upsert.executeUpdate();
        }
    }

    /** Refreshes the registration, registering again if an operator deleted it. */
    void heartbeat(RouterIdentity identity, long version) throws SQLException {
        try (PreparedStatement update = connection().prepareStatement("UPDATE sg_router SET rules_version = ?, "
                + "heartbeat_at = UTC_TIMESTAMP(3) WHERE router_id = ?")) {
            update.setLong(1, version);
            update.setString(2, identity.id());
            if (update.executeUpdate() == 0) {
                register(identity, version);
            }
        }
    }

    void unregister(RouterIdentity identity) throws SQLException {
        try (PreparedStatement delete = connection().prepareStatement("DELETE FROM sg_router WHERE router_id = ?")) {
            delete.setString(1, identity.id());
            delete.executeUpdate();
        }
    }

    /** This router has loaded the switch's version ({@code error} null), or cannot ({@code error} says why). */
    void prepared(SwitchRequest request, RouterIdentity identity, String error) throws SQLException {
        ack(request, identity, "prepared_at, error", "UTC_TIMESTAMP(3), ?", error);
    }

    /** This router holds new writes to the switch's tables and none is in flight. */
    void held(SwitchRequest request, RouterIdentity identity) throws SQLException {
        ack(request, identity, "held_at", "UTC_TIMESTAMP(3)", null);
    }

    /** This router released its held writes after holding them for {@code holdMillis}. */
    void released(SwitchRequest request, RouterIdentity identity, long holdMillis) throws SQLException {
        ack(request, identity, "released_at, hold_millis", "UTC_TIMESTAMP(3), ?", holdMillis);
    }

    /** Upserts this router's acknowledgement row: {@code values} gives {@code columns}, with one optional marker. */
    private void ack(SwitchRequest request, RouterIdentity identity, String columns, String values, Object value)
            throws SQLException {
        StringBuilder update = new StringBuilder();
        for (String column : columns.split(", ")) {
            update.append(update.isEmpty() ? "" : ", ").append(column).append(" = VALUES(").append(column).append(')');
        }
        try (PreparedStatement upsert = connection().prepareStatement("INSERT INTO sg_switch_ack (workflow, attempt, "
                + "router_id, " + columns + ") VALUES (?, ?, ?, " + values + ") ON DUPLICATE KEY UPDATE " + update)) {
            upsert.setString(1, request.workflow());
            upsert.setInt(2, request.attempt());
            upsert.setString(3, identity.id());
            if (values.contains("?")) {
                upsert.setObject(4, value);
            }
            upsert.executeUpdate();
        }
    }

    private static Set<String> tables(String list) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(list == null ? new String[0] : list.split(","))
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        reset();
    }
}
