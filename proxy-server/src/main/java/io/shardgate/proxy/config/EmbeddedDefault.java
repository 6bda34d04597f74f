package io.shardgate.proxy.config;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.EngineSession;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.ShardgateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The configuration used when none is given: two H2 databases in MySQL mode under a data directory, as shards
 * ds0 and ds1, with two demo tables hash-sharded over four physical tables each and bound together, so that a
 * new user can connect with any MySQL client and watch statements being routed ({@code PREVIEW ...}) with nothing
 * installed. The demo tables are created and filled on first start.
 */
public final class EmbeddedDefault {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefault.class);

    static final String CREATE_CUSTOMERS = "CREATE TABLE IF NOT EXISTS customers (id BIGINT PRIMARY KEY, "
            + "name VARCHAR(100) NOT NULL, country CHAR(2))";
    static final String CREATE_ORDERS = "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, "
            + "customer_id BIGINT NOT NULL, amount DECIMAL(10,2) NOT NULL, status VARCHAR(20), created_at TIMESTAMP)";

    private EmbeddedDefault() {
    }

    /**
     * H2 in MySQL mode. Lower-case names match what MySQL users type; NULLs sort first ascending, as in MySQL and
     * as the engine's merger orders them, so each shard's order agrees with the merged order.
     */
    static String h2Url(Path dataDir, String database) {
        String path = dataDir.toAbsolutePath().resolve(database).toString().replace('\\', '/');
        return "jdbc:h2:file:" + path + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW";
    }

    public static String yaml(Path dataDir) {
        return """
                # Shardgate embedded default: two H2 shards under %s
                dataSources:
                  ds0: { primary: { url: "%s", user: sa } }
                  ds1: { primary: { url: "%s", user: sa } }
                tables:
                  customers:
                    shardKey: id
                    algorithm: hash
                    nodes: ds${0..1}.customers_${0..1}
                  orders:
                    shardKey: customer_id
                    algorithm: hash
                    nodes: ds${0..1}.orders_${0..1}
                bindingGroups:
                  - [customers, orders]
                """.formatted(dataDir.toAbsolutePath(), yamlEscape(h2Url(dataDir, "ds0")),
                yamlEscape(h2Url(dataDir, "ds1")));
    }

    private static String yamlEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public static ShardgateConfig config(Path dataDir) {
        return ConfigLoader.load(yaml(dataDir), "embedded default (" + dataDir.toAbsolutePath() + ")");
    }

    /** Creates and fills the demo tables through the engine unless they exist already. */
    public static void seed(ShardgateEngine engine) throws SQLException {
        try (EngineSession session = engine.session()) {
            if (exists(session, "customers")) {
                return;
            }
            session.execute(CREATE_CUSTOMERS);
            session.execute(CREATE_ORDERS);
            session.execute("INSERT INTO customers (id, name, country) VALUES (1, 'Ada', 'GB'), (2, 'Grace', 'US'), "
                    + "(3, 'Linus', 'FI'), (4, 'Margaret', 'US'), (5, 'Edsger', 'NL'), (6, 'Barbara', 'US')");
            session.execute("INSERT INTO orders (id, customer_id, amount, status, created_at) VALUES "
                    + "(101, 1, 25.00, 'paid', '2024-01-05 10:00:00'), "
                    + "(102, 1, 12.50, 'paid', '2024-02-11 09:30:00'), "
                    + "(103, 2, 99.90, 'shipped', '2024-02-12 14:00:00'), "
                    + "(104, 3, 5.00, 'new', '2024-03-01 08:15:00'), "
                    + "(105, 4, 42.00, 'paid', '2024-03-02 17:45:00'), "
                    + "(106, 5, 18.75, 'cancelled', NULL), "
                    + "(107, 6, 60.00, 'shipped', '2024-03-09 12:00:00'), "
                    + "(108, 2, 7.25, 'new', NULL)");
            LOG.info("created the demo tables customers and orders");
        }
    }

    private static boolean exists(EngineSession session, String table) {
        try {
            ((QueryResult) session.execute("SELECT * FROM " + table + " LIMIT 0")).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
