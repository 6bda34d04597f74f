package io.shardgate.it.replicas;

import static io.shardgate.it.replicas.ReplicaItSupport.dataSource;
import static io.shardgate.it.replicas.ReplicaItSupport.eventually;
import static io.shardgate.it.replicas.ReplicaItSupport.queryString;
import static io.shardgate.it.replicas.ReplicaItSupport.states;
import static io.shardgate.it.replicas.ReplicaItSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.execute.replica.ReplicaStatus.State;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.testing.PostgresServer;
import io.shardgate.testing.PostgresTopology;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replica lag against real PostgreSQL streaming replication, measured by WAL positions: a standby whose replay is
 * paused falls behind as soon as the primary writes, is skipped past {@code maxLagMs} and used again once it has
 * replayed; and {@code wait_for_replica} waits for the session's own WAL position.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresReplicaLagIT {
    private static final String DATABASE = "app";
    private static final long WAIT_MILLIS = 500;

    private PostgresTopology topology;
    private PostgresServer replica;
    /** Skips a replica lagging more than 500 ms; no read-your-writes. */
    private ShardgateDataSource lagAware;
    /** Never skips for lag; waits for the session's writes instead. */
    private ShardgateDataSource waiting;
    private int value;

    @BeforeAll
    void start() throws SQLException {
        topology = PostgresTopology.builder().name("pglag").replicas(1).start();
        replica = topology.replica(0);
        topology.primary().createDatabase(DATABASE);
        topology.awaitReplicaCaughtUp(Duration.ofSeconds(10));
        lagAware = shardgate("lag", "{ maxLagMs: 500, readYourWrites: none }");
        waiting = shardgate("wait", "{ maxLagMs: 600000, readYourWrites: wait_for_replica, primaryWindowMs: "
                + WAIT_MILLIS + " }");
        try (Connection c = lagAware.getConnection()) {
            update(c, "CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL)");
            update(c, "INSERT INTO items VALUES (1, 0)");
        }
    }

    private ShardgateDataSource shardgate(String name, String read) {
        return ReplicaItSupport.shardgate("pg-" + name,
                dataSource("ds0", topology.primary(), topology.replicas(), DATABASE, read), "");
    }

    @AfterAll
    void stop() {
        try {
            for (ShardgateDataSource s : new ShardgateDataSource[]{lagAware, waiting}) {
                if (s != null) {
                    s.close();
                }
            }
        } finally {
            if (topology != null) {
                topology.close();
            }
        }
    }

    @BeforeEach
    void caughtUp() {
        topology.awaitReplicaCaughtUp(Duration.ofSeconds(10));
    }

    @AfterEach
    void replaying() {
        replica.resumeReplay();
    }

    private static int read(Connection connection) throws SQLException {
        return Integer.parseInt(queryString(connection, "SELECT v FROM items WHERE id = 1"));
    }

    private int write(Connection connection) throws SQLException {
        update(connection, "UPDATE items SET v = " + ++value + " WHERE id = 1");
        return value;
    }

    private static int port(Connection connection) throws SQLException {
        return Integer.parseInt(queryString(connection, "SELECT inet_server_port()"));
    }

    @Test
    void aStandbyWithPausedReplayIsSkippedOnceItLagsAndUsedAgainAfterReplaying() throws Exception {
        try (Connection c = lagAware.getConnection()) {
            assertThat(port(c)).isEqualTo(replica.port());
            replica.pauseReplay();
            int written = write(c);
            eventually(Duration.ofSeconds(10), "reads seeing the write", () -> read(c), v -> v == written);
            assertThat(states(lagAware, "ds0-replica0")).containsExactly(State.LAGGING);
            for (int i = 0; i < 10; i++) {
                assertThat(read(c)).isEqualTo(written);
                assertThat(port(c)).isEqualTo(topology.primary().port());
            }

            replica.resumeReplay();
            eventually(Duration.ofSeconds(10), "the standby being used again", () -> states(lagAware, "ds0-replica0"),
                    List.of(State.UP)::equals);
            assertThat(port(c)).isEqualTo(replica.port());
            assertThat(read(c)).isEqualTo(written);
        }
    }

    @Test
    void waitForReplicaWaitsForTheSessionsWalPositionOrReadsThePrimary() throws SQLException {
        try (Connection writer = waiting.getConnection(); Connection other = waiting.getConnection()) {
            replica.pauseReplay();
            int stale = read(other);
            int written = write(writer);
            long started = System.nanoTime();
            assertThat(read(writer)).isEqualTo(written);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(WAIT_MILLIS - 50));
            assertThat(read(other)).isEqualTo(stale);

            replica.resumeReplay();
            written = write(writer);
            assertThat(read(writer)).isEqualTo(written);
            assertThat(port(writer)).isEqualTo(replica.port());
        }
    }
}
