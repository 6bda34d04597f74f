package io.shardgate.execute.replica;

import io.shardgate.execute.Endpoint;
import io.shardgate.execute.ReplicaSelector;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@code random}: any usable replica, uniformly; no shared state between reading threads. */
final class RandomReplicaSelector implements ReplicaSelector {

    @Override
    public Endpoint select(String dataSource, List<Endpoint> replicas) {
        return replicas.get(ThreadLocalRandom.current().nextInt(replicas.size()));
    }
}
