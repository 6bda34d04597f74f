package io.shardgate.engine;

import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.rules.PreparedLayout;
import io.shardgate.keygen.InsertKeys;
import io.shardgate.keygen.SnowflakeKeyGenerator;
import io.shardgate.planner.QueryPlanner;
import io.shardgate.sql.parse.Dialect;

/**
 * One rules version as the engine serves it: the configuration (data sources and rules of that version, the
 * engine's own props), its planner and key insertion. Immutable; the engine swaps whole layouts, so a statement
 * plans against exactly one version. The key generator is shared across layouts: its sequence must not restart.
 *
 * @param version the published version, or 0 for the local configuration file
 */
record EngineLayout(long version, ShardgateConfig config, QueryPlanner planner, InsertKeys insertKeys)
        implements PreparedLayout {

    static EngineLayout of(long version, ShardgateConfig config, Dialect dialect, SnowflakeKeyGenerator keys) {
        QueryPlanner planner = new QueryPlanner(config.rules(), dialect);
        return new EngineLayout(version, config, planner, new InsertKeys(planner, keys));
    }
}
