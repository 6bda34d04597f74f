package io.shardgate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A primary with N replicas of one server kind. Subclasses know how their replication is set up and how to tell
 * that a replica has caught up; starting, naming and stopping are the same for every kind.
 */
public abstract class ReplicatedTopology<S extends DatabaseServer> implements AutoCloseable {
    private final S primary;
    private final List<S> replicas;

    protected ReplicatedTopology(S primary, List<S> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    public S primary() {
        return primary;
    }

    public List<S> replicas() {
        return replicas;
    }

    public S replica(int index) {
        return replicas.get(index);
    }

    /**
     * Waits until every replica has applied everything the primary has written so far.
     *
     * @throws HarnessException naming the lagging replica and its replication state, on timeout
     */
    public abstract void awaitReplicaCaughtUp(Duration timeout);

    /** Stops the replicas, then the primary, deleting their data. */
    @Override
    public void close() {
        List<DatabaseServer> all = new ArrayList<>(replicas);
        all.add(primary);
        DatabaseServer.stopAll(all);
    }

    /** Closes a topology whose setup failed, keeping the setup failure as the error. */
    protected static RuntimeException closeAfterFailure(ReplicatedTopology<?> topology, RuntimeException failure) {
        try {
            topology.close();
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        return failure;
    }

    /** Configures and starts a topology: names, replica count and startup timeout. */
    public static final class Builder<T> {
        private final Function<Builder<T>, T> starter;
        private String prefix = "";
        private int replicas = 1;
        private Duration startupTimeout = Duration.ofSeconds(60);

        Builder(Function<Builder<T>, T> starter) {
            this.starter = starter;
        }

        /** Prefix of the server names: NAME-primary, NAME-replica1, ... (default: primary, replica1, ...). */
        public Builder<T> name(String name) {
            this.prefix = name + "-";
            return this;
        }

        public Builder<T> replicas(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("replicas must be >= 0: " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        public Builder<T> startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public T start() {
            return starter.apply(this);
        }

        String primaryName() {
            return prefix + "primary";
        }

        String replicaName(int oneBased) {
            return prefix + "replica" + oneBased;
        }

        int replicaCount() {
            return replicas;
        }

        Duration startupTimeout() {
            return startupTimeout;
        }
    }
}
