package io.shardgate.execute.replica;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * What a backend can tell about its replication, as log positions: comparing a replica's applied position with
 * positions the primary had at known times measures lag, and a session's own write position is what a replica
 * read waits for. Implementations are stateless.
 */
interface ReplicationProbe {

    /** True when this backend reports positions; otherwise a reachable replica counts as current. */
    boolean measuresLag();

    /** Where the primary's log ends now. */
    LogPosition primaryPosition(Connection primary) throws SQLException;

    /** How far the replica has applied the primary's log; null when it cannot tell (e.g. not a replica). */
    LogPosition replicaPosition(Connection replica) throws SQLException;

    /** Where the last write committed on this very primary connection ends. */
    LogPosition lastWrite(Connection primary) throws SQLException;

    /**
     * Waits until the replica has applied {@code position}.
     *
     * @return false when it had not within {@code timeout}
     */
    boolean await(Connection replica, LogPosition position, Duration timeout) throws SQLException;

    /** The probe for the server behind {@code connection}, from its metadata (no round trip). */
    static ReplicationProbe of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return PostgresReplicationProbe.INSTANCE;
        }
        if (product.contains("mariadb")
                || meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) {
            return MariaDbReplicationProbe.INSTANCE;
        }
        return ReachabilityOnlyProbe.INSTANCE;
    }
}
