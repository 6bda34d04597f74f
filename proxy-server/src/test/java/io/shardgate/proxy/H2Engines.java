package io.shardgate.proxy;

import io.shardgate.config.ConfigLoader;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.ShardgateEngine;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engines over two in-memory H2 databases in MySQL mode (shards ds0 and ds1) with {@code orders} hash-sharded on
 * {@code customer_id}, for tests of the protocol layers that need real statements but no servers to start.
 */
public final class H2Engines {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private H2Engines() {
    }

    /** A new engine over fresh databases, with {@code orders} created and holding rows 1..6. */
    public static ShardgateEngine withOrders() throws SQLException {
        String prefix = "proxytest" + SEQUENCE.incrementAndGet();
        String url = "jdbc:h2:mem:%s_%s;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW;DB_CLOSE_DELAY=-1";
        ShardgateEngine engine = new ShardgateEngine(ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "%s", user: sa } }
                  ds1: { primary: { url: "%s", user: sa } }
                tables:
                  orders: { shardKey: customer_id, algorithm: hash, nodes: "ds${0..1}.orders_${0..1}" }
                broadcastTables: [countries]
                """.formatted(url.formatted(prefix, "ds0"), url.formatted(prefix, "ds1")), prefix + ".yaml"));
        try (EngineSession session = engine.session()) {
            session.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
                    + "amount DECIMAL(10,2), note VARCHAR(50))");
            session.execute("INSERT INTO orders (id, customer_id, amount, note) VALUES (1, 1, 10.50, 'a'), "
                    + "(2, 2, 20.00, 'b'), (3, 3, 30.25, NULL), (4, 4, 40.00, 'd'), (5, 5, 50.00, 'e'), "
                    + "(6, 6, 60.00, 'f')");
        } catch (SQLException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }
}
