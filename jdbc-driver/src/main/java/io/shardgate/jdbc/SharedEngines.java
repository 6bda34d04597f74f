package io.shardgate.jdbc;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.engine.SqlErrors;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of the driver, one per configuration location, created by the first connection to it and shared by
 * all later ones (pools are per engine, so connections must not each build their own).
 */
final class SharedEngines {
    static final String PREFIX = "jdbc:shardgate:";
    private static final String CLASSPATH = "classpath:";

    private static final Map<String, ShardgateEngine> ENGINES = new ConcurrentHashMap<>();

    private SharedEngines() {
    }

    static ShardgateEngine forUrl(String url) throws SQLException {
        String key = key(url);
        try {
            return ENGINES.computeIfAbsent(key, k -> new ShardgateEngine(load(k), "driver"));
        } catch (RuntimeException e) {
            throw SqlErrors.startFailure(e);
        }
    }

    /** Closes the engine of a URL, if one was started; the next connection starts a new one. */
    static void close(String url) throws SQLException {
        ShardgateEngine engine = ENGINES.remove(key(url));
        if (engine != null) {
            engine.close();
        }
    }

    /** {@code classpath:name} or the absolute, normalized file path: two spellings of one file share an engine. */
    private static String key(String url) throws SQLException {
        String location = url.substring(PREFIX.length()).trim();
        if (location.isEmpty()) {
            throw new SQLException("no configuration in " + url + "; expected jdbc:shardgate:/path/to/config.yaml "
                    + "or jdbc:shardgate:classpath:config.yaml", "08001");
        }
        if (location.startsWith(CLASSPATH)) {
            return location;
        }
        return Path.of(location).toAbsolutePath().normalize().toString();
    }

    private static ShardgateConfig load(String key) {
        return key.startsWith(CLASSPATH) ? ConfigLoader.loadClasspath(key.substring(CLASSPATH.length()))
                : ConfigLoader.load(Path.of(key));
    }
}
