package io.shardgate.execute.replica;

import io.shardgate.execute.Endpoint;
import io.shardgate.execute.ReplicaSelector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weighted}: each usable replica gets reads in proportion to its {@code weight}, interleaved rather than in
 * runs (smooth weighted round robin, as nginx does it: weights 2 and 1 give a, b, a, a, b, a, ...). A replica that
 * drops out keeps its credit and resumes from it.
 */
final class WeightedReplicaSelector implements ReplicaSelector {
    private final Map<Endpoint, Long> credit = new HashMap<>(); // guarded by this

    @Override
    public synchronized Endpoint select(String dataSource, List<Endpoint> replicas) {
        long total = 0;
        Endpoint best = null;
        long bestCredit = Long.MIN_VALUE;
        for (Endpoint replica : replicas) {
            long weight = replica.config().weight();
            total += weight;
            long c = credit.merge(replica, weight, Long::sum);
            if (c > bestCredit) {
                best = replica;
                bestCredit = c;
            }
        }
        credit.put(best, bestCredit - total);
        return best;
    }
}
