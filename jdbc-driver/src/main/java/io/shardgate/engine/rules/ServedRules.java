package io.shardgate.engine.rules;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.EndpointConfig;
import io.shardgate.config.ShardgateConfig;

import java.sql.SQLException;

/**
 * The rules an engine serves: with a metadata store, the published version's data sources and rules (the local
 * file only until a version is published); without one, the local file. Engine-wide props always come from the
 * local file: they describe this process, not the layout.
 *
 * @param version the published version, 0 for the local file
 */
public record ServedRules(long version, ShardgateConfig config) {

    /**
     * Reads the published version from the store named in {@code local}'s props, if any.
     *
     * @throws IllegalStateException when the store cannot be read: a router must not guess which rules are current
     */
    public static ServedRules load(ShardgateConfig local) {
        EndpointConfig endpoint = local.props().metadataStore();
        if (endpoint == null) {
            return new ServedRules(0, local);
        }
        try (RouterStore store = new RouterStore(endpoint)) {
            long version = store.snapshot().version();
            return version == 0 ? new ServedRules(0, local)
                    : new ServedRules(version, of(local, version, store.rulesYaml(version)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the published rules from the metadata store "
                    + endpoint.url() + ": " + e.getMessage(), e);
        }
    }

    /** A published version's data sources and rules with {@code local}'s props. */
    public static ShardgateConfig of(ShardgateConfig local, long version, String yaml) {
        ShardgateConfig published = ConfigLoader.load(yaml, "rules v" + version + " (metadata store)");
        return new ShardgateConfig(published.dataSources(), published.rules(), local.props());
    }
}
