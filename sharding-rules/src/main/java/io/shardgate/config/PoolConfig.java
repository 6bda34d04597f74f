package io.shardgate.config;

import java.time.Duration;

/** Connection pool settings applied to every endpoint of a data source. */
public record PoolConfig(int maxSize, int minIdle, Duration connectionTimeout, Duration idleTimeout, Duration maxLifetime) {
    public static final PoolConfig DEFAULTS =
            new PoolConfig(10, 0, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30));
}
