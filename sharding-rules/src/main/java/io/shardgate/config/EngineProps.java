package io.shardgate.config;

import java.time.Duration;

/**
 * Engine-wide settings. {@code maxConnectionsPerQuery} bounds how many shard connections one statement holds at
 * once; {@code executorThreads} sizes the pool that runs multi-shard statements in parallel.
 */
public record EngineProps(int executorThreads, int maxConnectionsPerQuery, int workerId, Duration queryTimeout) {
    public static final EngineProps DEFAULTS = new EngineProps(
            Math.max(4, Runtime.getRuntime().availableProcessors() * 4), 8, 0, Duration.ZERO);
}
