package io.shardgate.jdbc;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.config.TableRule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Two H2 databases in MySQL mode behind Shardgate, for the JDBC features an application relies on:
 * <ul>
 *   <li>{@code orders}: hash-sharded on {@code id}, which Shardgate generates (snowflake) when an INSERT omits it;</li>
 *   <li>{@code events}: hash-sharded on {@code user_id}, with a generated {@code event_id} and an AUTO_INCREMENT
 *       {@code seq} each shard counts on its own;</li>
 *   <li>{@code settings}: unsharded, on the default data source {@code ds0}, with an AUTO_INCREMENT key.</li>
 * </ul>
 */
final class DropInShards implements AutoCloseable {
    private final String prefix;
    private final ShardgateConfig config;
    private final ShardgateDataSource dataSource;

    DropInShards(String prefix) throws SQLException {
        this.prefix = prefix;
        this.config = ConfigLoader.load(yaml(), prefix + ".yaml");
        this.dataSource = new ShardgateDataSource(config);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, note VARCHAR(40))");
            s.executeUpdate("CREATE TABLE events (seq BIGINT AUTO_INCREMENT PRIMARY KEY, event_id BIGINT, "
                    + "user_id BIGINT NOT NULL, kind VARCHAR(20))");
            s.executeUpdate("CREATE TABLE settings (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))");
        }
    }

    private static String url(String database) {
        return "jdbc:h2:mem:" + database + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    }

    private String yaml() {
        return """
                dataSources:
                  ds0: { primary: { url: "%s", user: sa }, pool: { maxSize: 6, connectionTimeoutMs: 3000 } }
                  ds1: { primary: { url: "%s", user: sa }, pool: { maxSize: 6, connectionTimeoutMs: 3000 } }
                defaultDataSource: ds0
                tables:
                  orders:
                    shardKey: id
                    algorithm: hash
                    nodes: [ds0.orders_0, ds0.orders_1, ds1.orders_2, ds1.orders_3]
                    keyGenerator: { column: id, type: snowflake }
                  events:
                    shardKey: user_id
                    algorithm: hash
                    nodes: [ds0.events_0, ds1.events_1]
                    keyGenerator: { column: event_id }
                props:
                  executorThreads: 4
                  maxConnectionsPerQuery: 8
                  workerId: 42
                """.formatted(url(prefix + "_ds0"), url(prefix + "_ds1"));
    }

    ShardgateConfig config() {
        return config;
    }

    ShardgateDataSource dataSource() {
        return dataSource;
    }

    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** A plain H2 connection to one shard database. */
    Connection shard(String dataSource) throws SQLException {
        return DriverManager.getConnection(url(prefix + "_" + dataSource), "sa", "");
    }

    /** The physical table holding the row of a sharded table with this shard key. */
    DataNode nodeFor(String table, Object key) {
        TableRule rule = config.rules().table(table).orElseThrow();
        return rule.nodes().get(rule.algorithm().shardFor(List.of(key)));
    }

    /** Values of one column in a physical table, read on the shard directly. */
    List<Object> physical(DataNode node, String column, String where) throws SQLException {
        List<Object> values = new ArrayList<>();
        try (Connection c = shard(node.dataSource()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + node.physicalTable()
                     + (where == null ? "" : " WHERE " + where) + " ORDER BY 1")) {
            while (rs.next()) {
                values.add(rs.getObject(1));
            }
        }
        return values;
    }

    /** Deletes every row through Shardgate. */
    void empty() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM orders");
            s.executeUpdate("DELETE FROM events");
            s.executeUpdate("DELETE FROM settings");
        }
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        for (String ds : List.of("ds0", "ds1")) {
            try (Connection c = shard(ds); Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
            }
        }
    }
}
