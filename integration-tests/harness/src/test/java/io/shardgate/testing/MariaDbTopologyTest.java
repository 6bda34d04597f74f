package io.shardgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MariaDbTopologyTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(20);
    private static MariaDbTopology topology;

    @BeforeAll
    static void startPrimaryWithOneReplica() {
        topology = MariaDbTopology.builder().name("repl").replicas(1).start();
        topology.primary().createDatabase("app");
        topology.primary().execute("app", "CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20))");
        topology.awaitReplicaCaughtUp(CATCH_UP);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void rowWrittenOnPrimaryIsReadOnReplicaOnceCaughtUp() throws Exception {
        topology.primary().execute("app", "INSERT INTO t VALUES (1, 'replicated')");
        topology.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(Sql.column(topology.replica(0), "app", "SELECT note FROM t WHERE id = 1"))
                .containsExactly("replicated");
    }

    @Test
    void replicaRejectsWritesEvenFromRoot() throws Exception {
        MariaDbServer replica = topology.replica(0);
        assertThat(Sql.column(replica, "", "SELECT @@read_only")).containsExactly("1");
        assertThatThrownBy(() -> replica.execute("app", "INSERT INTO t VALUES (99, 'misrouted')"))
                .hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void stoppedReplicaSqlThreadHidesNewRowsUntilRestarted() throws Exception {
        MariaDbServer replica = topology.replica(0);
        replica.stopReplicaSqlThread();
        try {
            topology.primary().execute("app", "INSERT INTO t VALUES (2, 'lagging')");
            assertThatThrownBy(() -> topology.awaitReplicaCaughtUp(Duration.ofMillis(500)))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("Slave_SQL_Running=No");
            assertThat(Sql.column(replica, "app", "SELECT note FROM t WHERE id = 2")).isEmpty();
        } finally {
            replica.startReplicaSqlThread();
        }
        topology.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(Sql.column(replica, "app", "SELECT note FROM t WHERE id = 2")).containsExactly("lagging");
    }

    @Test
    void killedReplicaCatchesUpOnRowsWrittenWhileItWasDown() throws Exception {
        MariaDbServer replica = topology.replica(0);
        replica.kill();
        topology.primary().execute("app", "INSERT INTO t VALUES (3, 'while down')");
        replica.restart();
        topology.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(Sql.column(replica, "app", "SELECT note FROM t WHERE id = 3")).containsExactly("while down");
    }
}
