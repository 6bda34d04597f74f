package io.shardgate.execute.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * MariaDB GTID replication. The primary's {@code @@gtid_binlog_pos} is compared with a replica's
 * {@code @@gtid_slave_pos} (what its SQL thread has applied) rather than trusting {@code Seconds_Behind_Master},
 * which is NULL once the SQL thread stops and 0 while the IO thread itself is behind. A session's write is
 * {@code @@last_gtid} of its connection, and {@code MASTER_GTID_WAIT} waits for it on the server.
 */
final class MariaDbReplicationProbe implements ReplicationProbe {
    static final MariaDbReplicationProbe INSTANCE = new MariaDbReplicationProbe();

    private MariaDbReplicationProbe() {
    }

    @Override
    public boolean measuresLag() {
        return true;
    }

    @Override
    public LogPosition primaryPosition(Connection primary) throws SQLException {
        return GtidPosition.parse(queryString(primary, "SELECT @@gtid_binlog_pos"));
    }

    @Override
    public LogPosition replicaPosition(Connection replica) throws SQLException {
        return GtidPosition.parse(queryString(replica, "SELECT @@gtid_slave_pos"));
    }

    @Override
    public LogPosition lastWrite(Connection primary) throws SQLException {
        return GtidPosition.parse(queryString(primary, "SELECT @@last_gtid"));
    }

    @Override
    public boolean await(Connection replica, LogPosition position, Duration timeout) throws SQLException {
        try (PreparedStatement wait = replica.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            wait.setString(1, position.toString());
            wait.setDouble(2, timeout.toNanos() / 1e9);
            try (ResultSet result = wait.executeQuery()) {
                return result.next() && result.getInt(1) == 0; // -1: timed out
            }
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
