package io.shardgate.execute.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL streaming replication. The primary's {@code pg_current_wal_lsn()} is compared with a standby's
 * {@code pg_last_wal_replay_lsn()}, which stops when replay is paused or broken, rather than
 * {@code now() - pg_last_xact_replay_timestamp()}, which grows on a perfectly current standby while the primary
 * is idle. A session's write is the primary's insert position right after it committed: that includes the commit
 * record even under {@code synchronous_commit = off}.
 */
final class PostgresReplicationProbe implements ReplicationProbe {
    static final PostgresReplicationProbe INSTANCE = new PostgresReplicationProbe();
    /** Polling backs off up to this; PostgreSQL before 17 has no server-side wait for an LSN. */
    private static final long MAX_POLL_MILLIS = 20;

    private PostgresReplicationProbe() {
    }

    @Override
    public boolean measuresLag() {
        return true;
    }

    @Override
    public LogPosition primaryPosition(Connection primary) throws SQLException {
        return lsn(primary, "SELECT pg_current_wal_lsn()::text");
    }

    @Override
    public LogPosition replicaPosition(Connection replica) throws SQLException {
        return lsn(replica, "SELECT pg_last_wal_replay_lsn()::text");
    }

    @Override
    public LogPosition lastWrite(Connection primary) throws SQLException {
        return lsn(primary, "SELECT pg_current_wal_insert_lsn()::text");
    }

    @Override
    public boolean await(Connection replica, LogPosition position, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        try (PreparedStatement replayed = replica.prepareStatement(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
            replayed.setString(1, position.toString());
            while (true) {
                try (ResultSet result = replayed.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            }
        }
    }

    private static LogPosition lsn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            String text = result.next() ? result.getString(1) : null;
            return text == null ? null : WalPosition.parse(text);
        }
    }
}
