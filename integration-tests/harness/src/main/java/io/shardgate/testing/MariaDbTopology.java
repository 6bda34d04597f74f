package io.shardgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A MariaDB primary with N read-only replicas using GTID replication (row-based binlog, {@code log_slave_updates},
 * {@code gtid_strict_mode}), for testing read/write splitting, replica lag and failover against real replication.
 * All servers start in parallel; {@link #start} returns once every replica is connected and replicating.
 */
public final class MariaDbTopology implements AutoCloseable {
    private final MariaDbServer primary;
    private final List<MariaDbServer> replicas;

    private MariaDbTopology(MariaDbServer primary, List<MariaDbServer> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    /** A primary named "primary" with {@code replicas} replicas named "replica1", ... */
    public static MariaDbTopology start(int replicas) {
        return builder().replicas(replicas).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public MariaDbServer primary() {
        return primary;
    }

    public List<MariaDbServer> replicas() {
        return replicas;
    }

    public MariaDbServer replica(int index) {
        return replicas.get(index);
    }

    /**
     * Waits until every replica has applied everything the primary has binlogged so far ({@code @@gtid_binlog_pos},
     * via {@code MASTER_GTID_WAIT} on each replica).
     *
     * @throws HarnessException naming the lagging replica and its replication status, on timeout
     */
    public void awaitReplicaCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String position = primary.gtidBinlogPosition();
        for (MariaDbServer replica : replicas) {
            if (!replica.awaitGtid(position, Duration.ofNanos(deadline - System.nanoTime()))) {
                throw new HarnessException(replica + " did not apply the primary's GTID position '" + position
                        + "' within " + timeout.toMillis() + " ms: " + replica.replicationStatus());
            }
        }
    }

    /** Stops the replicas, then the primary, deleting their data. */
    @Override
    public void close() {
        List<DatabaseServer> all = new ArrayList<>(replicas);
        all.add(primary);
        DatabaseServer.stopAll(all);
    }

    /** Configures and starts a {@link MariaDbTopology}. */
    public static final class Builder {
        private String prefix = "";
        private int replicas = 1;
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Prefix of the server names: NAME-primary, NAME-replica1, ... (default: primary, replica1, ...). */
        public Builder name(String name) {
            this.prefix = name + "-";
            return this;
        }

        public Builder replicas(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("replicas must be >= 0: " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public MariaDbTopology start() {
            MariaDbServer primary = new MariaDbServer(prefix + "primary", MariaDbServer.Role.PRIMARY, 1)
                    .withStartupTimeout(startupTimeout);
            List<MariaDbServer> replicaServers = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) {
                replicaServers.add(new MariaDbServer(prefix + "replica" + i, MariaDbServer.Role.REPLICA, 1 + i)
                        .withStartupTimeout(startupTimeout));
            }
            List<MariaDbServer> all = new ArrayList<>(replicaServers);
            all.add(0, primary);
            DatabaseServer.startAll(all.toArray(new DatabaseServer[0]));
            MariaDbTopology topology = new MariaDbTopology(primary, replicaServers);
            try {
                for (MariaDbServer replica : replicaServers) {
                    replica.replicateFrom(primary);
                }
                for (MariaDbServer replica : replicaServers) {
                    replica.awaitReplicationRunning(startupTimeout);
                }
            } catch (RuntimeException e) {
                try {
                    topology.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return topology;
        }
    }
}
