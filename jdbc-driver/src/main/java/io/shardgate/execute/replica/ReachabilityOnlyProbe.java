package io.shardgate.execute.replica;

import java.sql.Connection;
import java.time.Duration;

/**
 * Backends whose replication Shardgate cannot measure (H2, MySQL): a replica is checked for reachability only and
 * counts as current while reachable, and no write position exists to wait for.
 */
final class ReachabilityOnlyProbe implements ReplicationProbe {
    static final ReachabilityOnlyProbe INSTANCE = new ReachabilityOnlyProbe();

    private ReachabilityOnlyProbe() {
    }

    @Override
    public boolean measuresLag() {
        return false;
    }

    @Override
    public LogPosition primaryPosition(Connection primary) {
        return null;
    }

    @Override
    public LogPosition replicaPosition(Connection replica) {
        return null;
    }

    @Override
    public LogPosition lastWrite(Connection primary) {
        return null;
    }

    @Override
    public boolean await(Connection replica, LogPosition position, Duration timeout) {
        return false;
    }
}
