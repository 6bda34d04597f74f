package io.shardgate.execute;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes each data source's replicas in turn, with one counter per data source. */
public final class RoundRobinReplicaSelector implements ReplicaSelector {
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public Endpoint select(String dataSource, List<Endpoint> replicas) {
        int turn = counters.computeIfAbsent(dataSource, ds -> new AtomicInteger()).getAndIncrement();
        return replicas.get(Math.floorMod(turn, replicas.size()));
    }
}
