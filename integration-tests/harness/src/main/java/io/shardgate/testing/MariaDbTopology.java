package io.shardgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A MariaDB primary with N read-only replicas using GTID replication (row-based binlog, {@code log_slave_updates},
 * {@code gtid_strict_mode}), for testing read/write splitting, replica lag and failover against real replication.
 * All servers start in parallel; {@link Builder#start} returns once every replica is connected and replicating.
 */
public final class MariaDbTopology extends ReplicatedTopology<MariaDbServer> {

    private MariaDbTopology(MariaDbServer primary, List<MariaDbServer> replicas) {
        super(primary, replicas);
    }

    /** A primary named "primary" with {@code replicas} replicas named "replica1", ... */
    public static MariaDbTopology start(int replicas) {
        return builder().replicas(replicas).start();
    }

    public static Builder<MariaDbTopology> builder() {
        return new Builder<>(MariaDbTopology::startWith);
    }

    /** Waits until every replica has applied the primary's {@code @@gtid_binlog_pos} ({@code MASTER_GTID_WAIT}). */
    @Override
    public void awaitReplicaCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String position = primary().gtidBinlogPosition();
        for (MariaDbServer replica : replicas()) {
            if (!replica.awaitGtid(position, Duration.ofNanos(deadline - System.nanoTime()))) {
                throw new HarnessException(replica + " did not apply the primary's GTID position '" + position
                        + "' within " + timeout.toMillis() + " ms: " + replica.replicationStatus());
            }
        }
    }

    private static MariaDbTopology startWith(Builder<MariaDbTopology> spec) {
        MariaDbServer primary = new MariaDbServer(spec.primaryName(), MariaDbServer.Role.PRIMARY, 1)
                .withStartupTimeout(spec.startupTimeout());
        List<MariaDbServer> replicas = new ArrayList<>();
        for (int i = 1; i <= spec.replicaCount(); i++) {
            replicas.add(new MariaDbServer(spec.replicaName(i), MariaDbServer.Role.REPLICA, 1 + i)
                    .withStartupTimeout(spec.startupTimeout()));
        }
        List<MariaDbServer> all = new ArrayList<>(replicas);
        all.add(0, primary);
        DatabaseServer.startAll(all.toArray(new DatabaseServer[0]));
        MariaDbTopology topology = new MariaDbTopology(primary, replicas);
        try {
            for (MariaDbServer replica : replicas) {
                replica.replicateFrom(primary);
            }
            for (MariaDbServer replica : replicas) {
                replica.awaitReplicationRunning(spec.startupTimeout());
            }
        } catch (RuntimeException e) {
            throw closeAfterFailure(topology, e);
        }
        return topology;
    }
}
