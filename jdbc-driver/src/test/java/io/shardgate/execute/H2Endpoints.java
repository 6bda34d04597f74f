package io.shardgate.execute;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Data source {@code ds0} over H2 in-memory databases, one per endpoint ({@code primary}, {@code replica0}, ...),
 * each holding a table {@code site} whose one row names the endpoint, so a read shows which endpoint answered.
 * Replica URLs carry {@code IFEXISTS=TRUE}: after {@link #shutDown} a replica cannot be reached until
 * {@link #bringUp} creates it again.
 */
public final class H2Endpoints implements AutoCloseable {
    private final String prefix;
    private final int replicas;

    /** @param prefix unique per test class, so classes running in one JVM do not share databases */
    public H2Endpoints(String prefix, int replicas) throws SQLException {
        this.prefix = prefix;
        this.replicas = replicas;
        bringUp("primary");
        for (int i = 0; i < replicas; i++) {
            bringUp("replica" + i);
        }
    }

    /** {@code ds0} with its primary and replicas; {@code read} is the flow mapping of its read settings. */
    public ShardgateConfig config(String read) {
        StringBuilder yaml = new StringBuilder("dataSources:\n  ds0:\n")
                .append("    primary: { url: \"").append(url("primary")).append("\", user: sa }\n")
                .append("    replicas:\n");
        for (int i = 0; i < replicas; i++) {
            yaml.append("      - { url: \"").append(url("replica" + i) + ";IFEXISTS=TRUE")
                    .append("\", user: sa, weight: ").append(i + 1).append(" }\n");
        }
        yaml.append("    pool: { maxSize: 4, connectionTimeoutMs: 250 }\n")
                .append("    read: ").append(read).append('\n');
        return ConfigLoader.load(yaml.toString(), prefix + ".yaml");
    }

    private String url(String endpoint) {
        return "jdbc:h2:mem:" + prefix + "_" + endpoint + ";DB_CLOSE_DELAY=-1";
    }

    /** Creates the endpoint's database with its {@code site} row, unless it exists. */
    public void bringUp(String endpoint) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(endpoint), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS site (name VARCHAR(20))");
            s.execute("MERGE INTO site KEY (name) VALUES ('" + endpoint + "')");
        }
    }

    /** Closes the endpoint's database, so connecting to a replica fails. */
    public void shutDown(String endpoint) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(endpoint), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** Which endpoint a connection from the engine's pools reaches. */
    public static String site(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM site")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        for (String endpoint : endpoints()) {
            shutDown(endpoint);
        }
    }

    private List<String> endpoints() {
        List<String> all = new java.util.ArrayList<>(List.of("primary"));
        for (int i = 0; i < replicas; i++) {
            all.add("replica" + i);
        }
        return all;
    }
}
