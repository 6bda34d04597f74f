package io.shardgate.engine;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.jdbc.ShardgateDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Two H2 databases in MySQL mode as shards {@code ds0} and {@code ds1}, table {@code scores} hash-sharded on
 * {@code user_id} over four physical tables, plus one unsharded reference database holding the same rows, so a
 * query's merged result can be checked against the same query on the reference.
 */
public final class H2Shards implements AutoCloseable {
    public static final String CREATE_SCORES = "CREATE TABLE scores (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, "
            + "name VARCHAR(20), score INT, amount DECIMAL(10,2))";

    private final String prefix;
    private final ShardgateConfig config;
    private final ShardgateDataSource dataSource;

    private H2Shards(String prefix, int maxConnectionsPerQuery) {
        this.prefix = prefix;
        this.config = ConfigLoader.load(yaml(prefix, maxConnectionsPerQuery), prefix + ".yaml");
        this.dataSource = new ShardgateDataSource(config);
    }

    /** Fresh databases named after {@code prefix} (unique per test class). */
    public static H2Shards start(String prefix, int maxConnectionsPerQuery) {
        return new H2Shards(prefix, maxConnectionsPerQuery);
    }

    public static String url(String database) {
        return "jdbc:h2:mem:" + database + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    }

    public static String yaml(String prefix, int maxConnectionsPerQuery) {
        return """
                dataSources:
                  ds0: { primary: { url: "%s", user: sa } }
                  ds1: { primary: { url: "%s", user: sa } }
                tables:
                  scores:
                    shardKey: user_id
                    algorithm: hash
                    nodes: [ds0.scores_0, ds0.scores_1, ds1.scores_0, ds1.scores_1]
                props:
                  executorThreads: 4
                  maxConnectionsPerQuery: %d
                """.formatted(url(prefix + "_ds0"), url(prefix + "_ds1"), maxConnectionsPerQuery);
    }

    public ShardgateConfig config() {
        return config;
    }

    public ShardgateDataSource dataSource() {
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** A plain H2 connection to one shard database. */
    public Connection shard(String dataSource) throws SQLException {
        return DriverManager.getConnection(url(prefix + "_" + dataSource), "sa", "");
    }

    /** A plain H2 connection to the unsharded reference database. */
    public Connection reference() throws SQLException {
        return DriverManager.getConnection(url(prefix + "_ref"), "sa", "");
    }

    /** Creates {@code scores} through Shardgate and on the reference. */
    public void createScores() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate(CREATE_SCORES);
        }
        try (Connection c = reference(); Statement s = c.createStatement()) {
            s.executeUpdate(CREATE_SCORES);
        }
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        for (String db : List.of("_ds0", "_ds1", "_ref")) {
            try (Connection c = DriverManager.getConnection(url(prefix + db), "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
            }
        }
    }
}
