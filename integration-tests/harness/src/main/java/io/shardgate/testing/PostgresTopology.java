package io.shardgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL primary with N hot-standby streaming replicas, each cloned with {@code pg_basebackup -R}, for testing
 * read/write splitting and replica lag against real physical replication. {@link #start} returns once every replica
 * streams from the primary.
 */
public final class PostgresTopology implements AutoCloseable {
    private final PostgresServer primary;
    private final List<PostgresServer> replicas;

    private PostgresTopology(PostgresServer primary, List<PostgresServer> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    /** A primary named "primary" with {@code replicas} replicas named "replica1", ... */
    public static PostgresTopology start(int replicas) {
        return builder().replicas(replicas).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public PostgresServer primary() {
        return primary;
    }

    public List<PostgresServer> replicas() {
        return replicas;
    }

    public PostgresServer replica(int index) {
        return replicas.get(index);
    }

    /**
     * Waits until every replica has replayed the primary's WAL up to its current position
     * ({@code pg_current_wal_lsn()} on the primary against {@code pg_last_wal_replay_lsn()} on each replica).
     *
     * @throws HarnessException naming the lagging replica and its replay state, on timeout
     */
    public void awaitReplicaCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lsn = primary.currentWalLsn();
        for (PostgresServer replica : replicas) {
            if (!replica.awaitReplayed(lsn, Duration.ofNanos(deadline - System.nanoTime()))) {
                throw new HarnessException(replica + " did not replay the primary's WAL up to " + lsn + " within "
                        + timeout.toMillis() + " ms: " + replica.replicationStatus());
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

    /** Configures and starts a {@link PostgresTopology}. */
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

        public PostgresTopology start() {
            PostgresServer primary = new PostgresServer(prefix + "primary").withStartupTimeout(startupTimeout).start();
            List<PostgresServer> replicaServers = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) {
                replicaServers.add(
                        new PostgresServer(prefix + "replica" + i, primary).withStartupTimeout(startupTimeout));
            }
            PostgresTopology topology = new PostgresTopology(primary, replicaServers);
            try {
                DatabaseServer.startAll(replicaServers.toArray(new DatabaseServer[0]));
                for (PostgresServer replica : replicaServers) {
                    replica.awaitStreaming(startupTimeout);
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
