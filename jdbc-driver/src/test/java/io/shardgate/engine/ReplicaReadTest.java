package io.shardgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.config.ConfigLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Where statements go when a data source has replicas. Each endpoint is its own H2 database holding a table
 * {@code site} whose one row names the endpoint, so a read shows which endpoint answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaReadTest {
    private static final List<String> ENDPOINTS = List.of("primary", "replica0", "replica1");

    private ShardgateEngine engine;

    @BeforeAll
    void start() throws SQLException {
        for (String endpoint : ENDPOINTS) {
            try (Connection c = DriverManager.getConnection(H2Shards.url("replicas_" + endpoint), "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE site (name VARCHAR(20))");
                s.execute("INSERT INTO site VALUES ('" + endpoint + "')");
            }
        }
        engine = new ShardgateEngine(ConfigLoader.load("""
                dataSources:
                  ds0:
                    primary: { url: "%s", user: sa }
                    replicas:
                      - { url: "%s", user: sa }
                      - { url: "%s", user: sa }
                """.formatted(H2Shards.url("replicas_primary"), H2Shards.url("replicas_replica0"),
                H2Shards.url("replicas_replica1")), "replicas.yaml"));
    }

    @AfterAll
    void stop() throws SQLException {
        engine.close();
        for (String endpoint : ENDPOINTS) {
            try (Connection c = DriverManager.getConnection(H2Shards.url("replicas_" + endpoint), "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
            }
        }
    }

    private static String site(EngineSession session, String sql) throws SQLException {
        try (QueryResult result = (QueryResult) session.execute(sql)) {
            assertThat(result.rows().next()).isTrue();
            return (String) result.rows().value(0);
        }
    }

    @Test
    void plainReadsTakeTheReplicasInTurn() throws SQLException {
        try (EngineSession session = engine.session()) {
            List<String> sites = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sites.add(site(session, "SELECT name FROM site"));
            }
            assertThat(sites).containsExactlyInAnyOrder("replica0", "replica1", "replica0", "replica1");
            assertThat(sites.get(0)).isNotEqualTo(sites.get(1));
        }
    }

    @Test
    void hintedLockingAndTransactionalReadsGoToThePrimary() throws SQLException {
        try (EngineSession session = engine.session()) {
            assertThat(site(session, "SELECT /* shardgate:primary */ name FROM site")).isEqualTo("primary");
            assertThat(site(session, "SELECT name FROM site FOR UPDATE")).isEqualTo("primary");
            session.execute("BEGIN");
            assertThat(site(session, "SELECT name FROM site")).isEqualTo("primary");
            session.execute("COMMIT");
        }
    }

    @Test
    void writesGoToThePrimary() throws SQLException {
        try (EngineSession session = engine.session()) {
            assertThat(session.execute("UPDATE site SET name = name WHERE name = 'primary'"))
                    .isEqualTo(new UpdateCount(1));
        }
    }
}
