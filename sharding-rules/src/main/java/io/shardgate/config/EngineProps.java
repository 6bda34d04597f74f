package io.shardgate.config;

import java.time.Duration;

/**
 * Engine-wide settings. {@code maxConnectionsPerQuery} bounds how many shard connections one statement holds at
 * once; {@code executorThreads} sizes the pool that runs multi-shard statements in parallel;
 * {@code replicaCheckInterval} is how often every replica's reachability and lag are measured;
 * {@code metadataStore}, when set (null otherwise), is the resharding metadata database the engine registers with
 * and takes its published rules from (docs/resharding.md, "Router protocol").
 */
public record EngineProps(int executorThreads, int maxConnectionsPerQuery, int workerId, Duration queryTimeout,
                          Duration replicaCheckInterval, EndpointConfig metadataStore) {
    public static final Duration DEFAULT_REPLICA_CHECK_INTERVAL = Duration.ofSeconds(1);
    public static final EngineProps DEFAULTS = new EngineProps(
            Math.max(4, Runtime.getRuntime().availableProcessors() * 4), 8, 0, Duration.ZERO);

    /** With the default replica check interval. */
    public EngineProps(int executorThreads, int maxConnectionsPerQuery, int workerId, Duration queryTimeout) {
        this(executorThreads, maxConnectionsPerQuery, workerId, queryTimeout, DEFAULT_REPLICA_CHECK_INTERVAL);
    }

    /** Without a metadata store. */
    public EngineProps(int executorThreads, int maxConnectionsPerQuery, int workerId, Duration queryTimeout,
                       Duration replicaCheckInterval) {
        this(executorThreads, maxConnectionsPerQuery, workerId, queryTimeout, replicaCheckInterval, null);
    }
}
