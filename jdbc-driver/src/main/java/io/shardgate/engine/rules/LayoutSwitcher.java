package io.shardgate.engine.rules;

/** What the watcher needs from the engine: the version it runs, and loading and installing another one. */
public interface LayoutSwitcher {
    /** The rules version being served; 0 for the local configuration file. */
    long version();

    /**
     * Loads a version's YAML, builds its planner and adds (and connects to) data sources it brings; does not serve
     * it yet.
     *
     * @throws RuntimeException when the rules do not load or a data source cannot be used, with the reason
     */
    PreparedLayout prepare(long version, String yaml);

    /** Serves a prepared version from the next statement on. */
    void install(PreparedLayout layout);
}
