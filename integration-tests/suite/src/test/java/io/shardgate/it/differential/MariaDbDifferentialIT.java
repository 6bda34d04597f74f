package io.shardgate.it.differential;

import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** The differential suite on MariaDB: GTID replicas serve the reads. */
class MariaDbDifferentialIT extends DifferentialSuite {

    private MariaDbTopology shard0;
    private MariaDbTopology shard1;
    private MariaDbServer reference;

    @Override
    String startServers() {
        shard0 = MariaDbTopology.builder().name("diff-ds0").replicas(1).start();
        shard1 = MariaDbTopology.builder().name("diff-ds1").replicas(1).start();
        reference = new MariaDbServer("diff-reference").start();
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
