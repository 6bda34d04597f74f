package io.shardgate.proxy.session;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.ShardingRules;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.protocol.ServerStatus;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * What every client session of one proxy shares: the engine, the one logical schema the proxy presents, the
 * version it announces and the limits it enforces.
 *
 * @param schema      the logical database name clients see ({@code SHOW DATABASES}, {@code USE}, {@code DATABASE()})
 * @param maxPacket   the largest payload accepted from a client, reported as {@code max_allowed_packet}
 * @param idleTimeout how long a connection may wait between commands, reported as {@code wait_timeout}
 * @param noBackslashEscapes true when the shards do not treat backslash as an escape in string literals (H2, the
 *                    embedded default): the proxy then announces NO_BACKSLASH_ESCAPES, so clients quote literals
 *                    the way those shards read them
 */
public record ProxyContext(ShardgateEngine engine, String schema, String serverVersion, int maxPacket,
                           Duration idleTimeout, boolean noBackslashEscapes) {

    public static final String DEFAULT_SCHEMA = "shardgate";
    /** A MariaDB-like version, so clients enable the modern protocol paths; the suffix says who answers. */
    public static final String DEFAULT_VERSION = "10.11.0-shardgate";

    /**
     * The logical tables the rules name (sharded and broadcast), sorted: what {@code SHOW TABLES} lists. Read from
     * the rules the engine serves at the time of the call, so a version published by a resharding switch shows at
     * the next statement.
     */
    public List<String> tables() {
        ShardingRules rules = engine.config().rules();
        TreeSet<String> names = new TreeSet<>(rules.tables().keySet());
        names.addAll(rules.broadcastTables().keySet());
        return List.copyOf(names);
    }

    public boolean isSchema(String name) {
        return schema.equalsIgnoreCase(name);
    }

    public static ProxyContext of(ShardgateEngine engine, String schema, String serverVersion, int maxPacket,
                                  Duration idleTimeout) {
        boolean h2Only = true;
        for (DataSourceConfig ds : engine.config().dataSources().values()) {
            h2Only &= ds.primary().url().startsWith("jdbc:h2:");
        }
        return new ProxyContext(engine, schema, serverVersion, maxPacket, idleTimeout, h2Only);
    }

    /** The status flags of a session with these settings. */
    public int status(boolean autoCommit, boolean inTransaction) {
        return ServerStatus.of(autoCommit, inTransaction, noBackslashEscapes());
    }
}
