package io.shardgate.engine.rules;

/** A rules version loaded by the engine, its planner built and its new data sources connected, ready to serve. */
public interface PreparedLayout {
    long version();
}
