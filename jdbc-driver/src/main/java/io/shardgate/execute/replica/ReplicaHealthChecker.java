package io.shardgate.execute.replica;

import io.shardgate.execute.Endpoint;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures every replica's reachability and lag at a fixed interval on one daemon thread
 * ({@code shardgate-replica-check}): per data source, first the primary's log position, then each replica's
 * applied position, each on the checker's own connection. Checks run one after another, each bounded by the
 * interval (at least one second), so an unreachable server delays a round by at most that.
 */
public final class ReplicaHealthChecker implements AutoCloseable {
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    private final List<ReplicaSet> sets;
    private final Duration interval;
    private final Duration timeout;
    private final Ticker ticker;
    private final Map<Endpoint, ProbeConnection> probes = new IdentityHashMap<>(); // guarded by this
    private volatile ScheduledExecutorService scheduler;
    private boolean closed; // guarded by this

    public ReplicaHealthChecker(Collection<ReplicaSet> sets, Duration interval, Ticker ticker) {
        this.sets = sets.stream().filter(set -> !set.replicas().isEmpty()).toList();
        this.interval = interval;
        this.timeout = interval.compareTo(MIN_TIMEOUT) > 0 ? interval : MIN_TIMEOUT;
        this.ticker = ticker;
    }

    /**
     * Checks every replica once on the caller's thread, so that reads use replicas from the first statement on,
     * then keeps checking in the background. Does nothing without replicas.
     */
    public synchronized void start() {
        if (sets.isEmpty() || scheduler != null || closed) {
            return;
        }
        checkNow();
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "shardgate-replica-check");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::checkNow, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        scheduler = started;
    }

    /** One round over every data source with replicas. Never throws: a failure is a finding about a server. */
    public synchronized void checkNow() {
        if (closed) {
            return;
        }
        for (ReplicaSet set : sets) {
            samplePrimary(set);
            for (Endpoint replica : set.replicas()) {
                checkReplica(set, replica);
            }
        }
    }

    /** Without a fresh sample (primary unreachable) replicas simply look older; writes report the primary. */
    private void samplePrimary(ReplicaSet set) {
        long at = ticker.read();
        try {
            probe(set.primary()).run(connection -> {
                ReplicationProbe replication = ReplicationProbe.of(connection);
                if (replication.measuresLag()) {
                    LogPosition position = replication.primaryPosition(connection);
                    if (position != null) {
                        set.primaryChecked(at, position);
                    }
                }
            });
        } catch (SQLException | RuntimeException e) {
            // nothing sampled this round
        }
    }

    private void checkReplica(ReplicaSet set, Endpoint replica) {
        long at = ticker.read();
        try {
            probe(replica).run(connection -> {
                ReplicationProbe replication = ReplicationProbe.of(connection);
                if (replication.measuresLag()) {
                    set.replicaChecked(replica, at, replication.replicaPosition(connection));
                } else if (connection.isValid((int) timeout.toSeconds())) {
                    set.replicaReachable(replica, at);
                } else {
                    throw new SQLException("the connection is no longer valid", "08003");
                }
            });
        } catch (SQLException | RuntimeException e) {
            set.replicaUnreachable(replica, at, String.valueOf(e.getMessage()));
        }
    }

    private ProbeConnection probe(Endpoint endpoint) {
        return probes.computeIfAbsent(endpoint, e -> new ProbeConnection(e.config(), timeout));
    }

    /** Stops the checks and closes the checker's connections; waits for a round in progress. */
    @Override
    public void close() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
        }
        synchronized (this) {
            closed = true;
            probes.values().forEach(ProbeConnection::close);
            probes.clear();
        }
    }
}
