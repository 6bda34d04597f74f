package io.shardgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code dataSources}: each shard database's primary, replicas, pool and read settings. */
final class DataSourcesReader {
    static final List<String> READ_POLICIES = List.of("round_robin", "random", "weighted", "least_busy");
    static final List<String> READ_YOUR_WRITES = List.of("none", "primary_window", "wait_for_replica");

    private DataSourcesReader() {
    }

    /** The data sources in declaration order. */
    static Map<String, DataSourceConfig> read(ConfigNode section) {
        ConfigMapping sources = section.entries();
        if (sources.isEmpty()) {
            throw section.error("no data sources; declare at least one, e.g. ds0: { primary: { url: ... } }");
        }
        Map<String, DataSourceConfig> out = new LinkedHashMap<>();
        sources.entries().forEach((name, node) -> out.put(name, dataSource(name, node)));
        return out;
    }

    private static DataSourceConfig dataSource(String name, ConfigNode node) {
        if (name.contains(".") || name.isBlank()) {
            throw node.error("'" + name + "' is not a usable data source name: nodes are written "
                    + "dataSource.table, so the name must be non-empty and contain no '.'");
        }
        ConfigMapping m = node.mapping("primary", "replicas", "pool", "read");
        EndpointConfig primary = endpoint(name + ".primary",
                m.required("primary", "every data source needs the server that takes its writes")
                        .mapping("url", "user", "password"));
        List<EndpointConfig> replicas = new ArrayList<>();
        List<ConfigNode> replicaNodes = m.optional("replicas").map(ConfigNode::list).orElse(List.of());
        for (int i = 0; i < replicaNodes.size(); i++) {
            replicas.add(endpoint(name + ".replica" + i, replicaNodes.get(i).mapping("url", "user", "password",
                    "weight")));
        }
        PoolConfig pool = m.optional("pool").map(DataSourcesReader::pool).orElse(PoolConfig.DEFAULTS);
        ReadConfig read = m.optional("read").map(DataSourcesReader::readSettings).orElse(ReadConfig.DEFAULTS);
        return new DataSourceConfig(name, primary, replicas, pool, read);
    }

    static EndpointConfig endpoint(String name, ConfigMapping m) {
        ConfigNode urlNode = m.required("url", "the JDBC URL of the server, e.g. jdbc:mariadb://host:3306/db");
        String url = urlNode.text().trim();
        if (!url.startsWith("jdbc:")) {
            throw urlNode.error("expected a JDBC URL such as jdbc:mariadb://host:3306/db, got '" + url + "'");
        }
        return new EndpointConfig(name, url, m.string("user", null), m.string("password", null),
                m.integer("weight", 1, 1, 1_000_000));
    }

    private static PoolConfig pool(ConfigNode node) {
        ConfigMapping m = node.mapping("maxSize", "minIdle", "connectionTimeoutMs", "idleTimeoutMs",
                "maxLifetimeMs");
        PoolConfig d = PoolConfig.DEFAULTS;
        int maxSize = m.integer("maxSize", d.maxSize(), 1, 10_000);
        int minIdle = m.integer("minIdle", d.minIdle(), 0, 10_000);
        if (minIdle > maxSize) {
            throw m.error("minIdle", "must not exceed maxSize " + maxSize + ", got " + minIdle);
        }
        return new PoolConfig(maxSize, minIdle,
                millis(m, "connectionTimeoutMs", d.connectionTimeout(), 1),
                millis(m, "idleTimeoutMs", d.idleTimeout(), 0),
                millis(m, "maxLifetimeMs", d.maxLifetime(), 0));
    }

    private static ReadConfig readSettings(ConfigNode node) {
        ConfigMapping m = node.mapping("policy", "maxLagMs", "readYourWrites", "primaryWindowMs");
        ReadConfig d = ReadConfig.DEFAULTS;
        return new ReadConfig(
                m.optional("policy").map(v -> v.choice(READ_POLICIES)).orElse(d.policy()),
                millis(m, "maxLagMs", d.maxLag(), 0),
                m.optional("readYourWrites").map(v -> v.choice(READ_YOUR_WRITES)).orElse(d.readYourWrites()),
                millis(m, "primaryWindowMs", d.primaryWindow(), 0));
    }

    static Duration millis(ConfigMapping m, String key, Duration fallback, long min) {
        return Duration.ofMillis(m.longInteger(key, fallback.toMillis(), min, Long.MAX_VALUE / 1_000_000));
    }
}
