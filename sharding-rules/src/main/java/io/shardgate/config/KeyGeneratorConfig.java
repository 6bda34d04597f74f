package io.shardgate.config;

/** A column whose value the engine generates when an INSERT omits it (snowflake-style, unique across shards). */
public record KeyGeneratorConfig(String column, String type) {
}
