package io.shardgate.execute.replica;

import io.shardgate.config.ReadConfig;
import io.shardgate.execute.Endpoint;
import io.shardgate.execute.ReplicaSelector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data source's primary and replicas with what is known about each replica's health, its read settings and
 * the replica choice its {@code read.policy} names. Thread-safe.
 */
public final class ReplicaSet {
    private final String dataSource;
    private final Endpoint primary;
    private final List<Endpoint> replicas;
    private final Map<Endpoint, ReplicaHealth> health = new IdentityHashMap<>();
    private final ReadConfig read;
    private final ReplicaSelector selector;
    private final PrimarySamples primarySamples;
    private final Ticker ticker;

    /**
     * @param checkInterval how often the health checker runs: a check result vouches for a replica for two
     *                      intervals, so one late round does not take every replica out of use
     */
    public ReplicaSet(String dataSource, Endpoint primary, List<Endpoint> replicas, ReadConfig read,
                      Duration checkInterval, Ticker ticker) {
        this.dataSource = dataSource;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.read = read;
        this.selector = ReplicaSelectors.forPolicy(read.policy());
        this.ticker = ticker;
        Duration freshFor = checkInterval.multipliedBy(2);
        this.primarySamples = new PrimarySamples(read.maxLag().plus(freshFor).toNanos());
        for (Endpoint replica : this.replicas) {
            health.put(replica, new ReplicaHealth(replica.toString(), read.maxLag(), freshFor, ticker));
        }
    }

    public String dataSource() {
        return dataSource;
    }

    public Endpoint primary() {
        return primary;
    }

    /** In configuration order. */
    public List<Endpoint> replicas() {
        return replicas;
    }

    public ReadConfig read() {
        return read;
    }

    Ticker ticker() {
        return ticker;
    }

    /** A replica for a read, chosen by the policy among those usable now; null when none is. */
    public Endpoint choose() {
        if (replicas.isEmpty()) {
            return null;
        }
        long now = ticker.read();
        List<Endpoint> usable = new ArrayList<>(replicas.size());
        for (Endpoint replica : replicas) {
            if (health.get(replica).usable(now)) {
                usable.add(replica);
            }
        }
        return usable.isEmpty() ? null : selector.select(dataSource, usable);
    }

    /** A read failed on the replica's connection: it gets no reads until the health checker reaches it again. */
    public void markDown(Endpoint replica, Exception cause) {
        health(replica).markDown(cause.getMessage());
    }

    /** True when the replica is known to have everything the primary had at {@code time} (a ticker reading). */
    boolean hadEverythingAt(Endpoint replica, long time) {
        return health(replica).hadEverythingAt(time);
    }

    public List<ReplicaStatus> status() {
        long now = ticker.read();
        List<ReplicaStatus> all = new ArrayList<>(replicas.size());
        for (Endpoint replica : replicas) {
            all.add(health.get(replica).status(now));
        }
        return all;
    }

    /** The health checker read the primary's log position; the check began at {@code at}. */
    void primaryChecked(long at, LogPosition position) {
        primarySamples.add(at, position);
    }

    /** The health checker read how far the replica has applied (null: cannot tell); the check began at {@code at}. */
    void replicaChecked(Endpoint replica, long at, LogPosition applied) {
        PrimarySamples.Reach reach = primarySamples.reach(applied);
        health(replica).reached(at, reach.currentAsOf(), reach.caughtUp());
    }

    /** The health checker reached a replica whose lag it cannot measure: it counts as current. */
    void replicaReachable(Endpoint replica, long at) {
        health(replica).reached(at, at, true);
    }

    void replicaUnreachable(Endpoint replica, long at, String problem) {
        health(replica).unreachable(at, problem);
    }

    private ReplicaHealth health(Endpoint replica) {
        ReplicaHealth h = health.get(replica);
        if (h == null) {
            throw new IllegalArgumentException(replica + " is not a replica of " + dataSource);
        }
        return h;
    }
}
