package io.shardgate.execute.replica;

import io.shardgate.execute.Endpoint;
import io.shardgate.execute.ReplicaSelector;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code least_busy}: the usable replica with the fewest connections in use from its pool, so a slow replica
 * whose queries pile up gets fewer new ones. Ties are taken in turn, so idle replicas share the reads.
 */
final class LeastBusyReplicaSelector implements ReplicaSelector {
    private final AtomicInteger turn = new AtomicInteger();

    @Override
    public Endpoint select(String dataSource, List<Endpoint> replicas) {
        int[] inUse = new int[replicas.size()];
        int fewest = Integer.MAX_VALUE;
        int ties = 0;
        for (int i = 0; i < inUse.length; i++) {
            inUse[i] = replicas.get(i).connectionsInUse();
            if (inUse[i] < fewest) {
                fewest = inUse[i];
                ties = 1;
            } else if (inUse[i] == fewest) {
                ties++;
            }
        }
        int pick = Math.floorMod(turn.getAndIncrement(), ties);
        for (int i = 0; i < inUse.length; i++) {
            if (inUse[i] == fewest && pick-- == 0) {
                return replicas.get(i);
            }
        }
        throw new AssertionError("no replica among " + replicas);
    }
}
