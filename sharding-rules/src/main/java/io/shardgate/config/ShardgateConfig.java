package io.shardgate.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole loaded configuration: the data sources to connect to (in configuration order), the routing rules and
 * engine properties.
 */
public record ShardgateConfig(Map<String, DataSourceConfig> dataSources, ShardingRules rules, EngineProps props) {
    public ShardgateConfig {
        dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
    }
}
