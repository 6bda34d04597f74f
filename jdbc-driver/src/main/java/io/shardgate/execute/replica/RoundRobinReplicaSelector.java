package io.shardgate.execute.replica;

import io.shardgate.execute.Endpoint;
import io.shardgate.execute.ReplicaSelector;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code round_robin}: the usable replicas in turn. */
final class RoundRobinReplicaSelector implements ReplicaSelector {
    private final AtomicInteger turn = new AtomicInteger();

    @Override
    public Endpoint select(String dataSource, List<Endpoint> replicas) {
        return replicas.get(Math.floorMod(turn.getAndIncrement(), replicas.size()));
    }
}
