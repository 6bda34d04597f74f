package io.shardgate.config;

import java.util.Map;
import java.util.Optional;

/** The entries of one YAML mapping, in file order, with typed access to optional and required keys. */
final class ConfigMapping {
    private final ConfigNode node;
    private final Map<String, ConfigNode> entries;

    ConfigMapping(ConfigNode node, Map<String, ConfigNode> entries) {
        this.node = node;
        this.entries = entries;
    }

    /** The settings of a node that may also be written in a short scalar form with no settings at all. */
    static ConfigMapping empty(ConfigNode node) {
        return new ConfigMapping(node, Map.of());
    }

    ConfigNode node() {
        return node;
    }

    /** An error about {@code key}, located at its value when present. */
    ConfigException error(String key, String problem) {
        ConfigNode value = entries.get(key);
        return value != null ? value.error(problem) : node.errorAt(node.childPath(key), problem);
    }

    Map<String, ConfigNode> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The value of {@code key}; an explicit null counts as absent, so {@code key: ~} means "use the default". */
    Optional<ConfigNode> optional(String key) {
        ConfigNode value = entries.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The value of {@code key}, which must be present.
     *
     * @param why completes the error "missing; ..." with why the key is needed
     */
    ConfigNode required(String key, String why) {
        return optional(key).orElseThrow(() -> node.errorAt(node.childPath(key), "missing; " + why));
    }

    String string(String key, String fallback) {
        return optional(key).map(ConfigNode::text).orElse(fallback);
    }

    int integer(String key, int fallback, int min, int max) {
        return optional(key).map(v -> v.integer(min, max)).orElse(fallback);
    }

    long longInteger(String key, long fallback, long min, long max) {
        return optional(key).map(v -> v.longInteger(min, max)).orElse(fallback);
    }
}
