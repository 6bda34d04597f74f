package io.shardgate.execute;

import java.util.List;

/**
 * Picks the replica a read goes to, among those the health checks currently allow: one implementation per
 * {@code read.policy} (see {@link io.shardgate.execute.replica.ReplicaSelectors}), one instance per data source.
 */
public interface ReplicaSelector {

    /**
     * @param dataSource the data source being read
     * @param replicas   its usable replicas, never empty, in configuration order
     * @return the replica to use
     */
    Endpoint select(String dataSource, List<Endpoint> replicas);
}
