package io.shardgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresTopologyTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(20);
    private static PostgresTopology topology;

    @BeforeAll
    static void startPrimaryWithOneStreamingReplica() {
        topology = PostgresTopology.builder().name("stream").replicas(1).start();
        topology.primary().createDatabase("app");
        topology.primary().execute("app", "CREATE TABLE t (id INT PRIMARY KEY, note TEXT)");
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
    void replicaIsAHotStandbyThatRejectsWrites() throws Exception {
        PostgresServer replica = topology.replica(0);
        assertThat(Sql.column(replica, "app", "SELECT pg_is_in_recovery()")).containsExactly("t");
        assertThatThrownBy(() -> replica.execute("app", "INSERT INTO t VALUES (99, 'misrouted')"))
                .hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("read-only transaction");
    }

    @Test
    void pausedReplayHidesNewRowsUntilResumed() throws Exception {
        PostgresServer replica = topology.replica(0);
        replica.pauseReplay();
        try {
            topology.primary().execute("app", "INSERT INTO t VALUES (2, 'lagging')");
            assertThatThrownBy(() -> topology.awaitReplicaCaughtUp(Duration.ofMillis(500)))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("replay_paused=true");
            assertThat(Sql.column(replica, "app", "SELECT note FROM t WHERE id = 2")).isEmpty();
        } finally {
            replica.resumeReplay();
        }
        topology.awaitReplicaCaughtUp(CATCH_UP);
        assertThat(Sql.column(replica, "app", "SELECT note FROM t WHERE id = 2")).containsExactly("lagging");
    }
}
