package io.shardgate.execute;

import java.util.List;

/**
 * Picks the replica a read goes to. The seam for read policies (random, weighted, least busy) and for skipping
 * unhealthy or lagging replicas: an implementation may return null to send the read to the primary.
 */
public interface ReplicaSelector {

    /**
     * @param dataSource the data source being read
     * @param replicas   its replicas, never empty, in configuration order
     * @return the replica to use, or null for the primary
     */
    Endpoint select(String dataSource, List<Endpoint> replicas);
}
