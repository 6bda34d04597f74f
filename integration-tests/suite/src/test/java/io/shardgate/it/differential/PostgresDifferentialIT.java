package io.shardgate.it.differential;

import io.shardgate.testing.PostgresServer;
import io.shardgate.testing.PostgresTopology;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** The differential suite on PostgreSQL: streaming replicas serve the reads. */
class PostgresDifferentialIT extends DifferentialSuite {

    private PostgresTopology shard0;
    private PostgresTopology shard1;
    private PostgresServer reference;

    @Override
    String startServers() {
        shard0 = PostgresTopology.builder().name("pgdiff-ds0").replicas(1).start();
        shard1 = PostgresTopology.builder().name("pgdiff-ds1").replicas(1).start();
        reference = new PostgresServer("pgdiff-reference").start();
        shard0.primary().createDatabase("shop");
        shard1.primary().createDatabase("shop");
        reference.createDatabase("shop");
        return config(dataSource("ds0", shard0.primary(), shard0.replica(0), "shop"),
                dataSource("ds1", shard1.primary(), shard1.replica(0), "shop"));
    }

    @Override
    Connection referenceConnection() throws SQLException {
        return DriverManager.getConnection(reference.jdbcUrl("shop"), reference.user(), reference.password());
    }

    @Override
    void awaitReplicas() {
        shard0.awaitReplicaCaughtUp(Duration.ofSeconds(60));
        shard1.awaitReplicaCaughtUp(Duration.ofSeconds(60));
    }

    @Override
    void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {shard0, shard1, reference}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the harness's shutdown hook is the safety net
            }
        }
    }
}
