package io.shardgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL primary with N hot-standby streaming replicas, each cloned with {@code pg_basebackup -R}, for testing
 * read/write splitting and replica lag against real physical replication. {@link Builder#start} returns once every
 * replica streams from the primary.
 */
public final class PostgresTopology extends ReplicatedTopology<PostgresServer> {

    private PostgresTopology(PostgresServer primary, List<PostgresServer> replicas) {
        super(primary, replicas);
    }

    /** A primary named "primary" with {@code replicas} replicas named "replica1", ... */
    public static PostgresTopology start(int replicas) {
        return builder().replicas(replicas).start();
    }

    public static Builder<PostgresTopology> builder() {
        return new Builder<>(PostgresTopology::startWith);
    }

    /** Waits until every replica's {@code pg_last_wal_replay_lsn()} reaches the primary's current WAL position. */
    @Override
    public void awaitReplicaCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lsn = primary().currentWalLsn();
        for (PostgresServer replica : replicas()) {
            if (!replica.awaitReplayed(lsn, Duration.ofNanos(deadline - System.nanoTime()))) {
                throw new HarnessException(replica + " did not replay the primary's WAL up to " + lsn + " within "
                        + timeout.toMillis() + " ms: " + replica.replicationStatus());
            }
        }
    }

    private static PostgresTopology startWith(Builder<PostgresTopology> spec) {
        PostgresServer primary = new PostgresServer(spec.primaryName()).withStartupTimeout(spec.startupTimeout())
                .start();
        List<PostgresServer> replicas = new ArrayList<>();
        for (int i = 1; i <= spec.replicaCount(); i++) {
            replicas.add(new PostgresServer(spec.replicaName(i), primary).withStartupTimeout(spec.startupTimeout()));
        }
        PostgresTopology topology = new PostgresTopology(primary, replicas);
        try {
            DatabaseServer.startAll(replicas.toArray(new DatabaseServer[0]));
            for (PostgresServer replica : replicas) {
                replica.awaitStreaming(spec.startupTimeout());
            }
        } catch (RuntimeException e) {
            throw closeAfterFailure(topology, e);
        }
        return topology;
    }
}
