package io.shardgate.reshard.lag;

import java.util.List;

/** Measures the lag of a fixed set of replicas. */
public interface ReplicaLagSource extends AutoCloseable {

    /** One measurement of every replica; never throws: a replica that cannot be checked is reported as such. */
    List<ReplicaLag> measure();

    /** Lets go of the connections to the replicas and their primaries. */
    @Override
    void close();
}
