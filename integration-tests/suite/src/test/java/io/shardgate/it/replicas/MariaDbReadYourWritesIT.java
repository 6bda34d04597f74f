package io.shardgate.it.replicas;

import static io.shardgate.it.replicas.ReplicaItSupport.dataSource;
import static io.shardgate.it.replicas.ReplicaItSupport.queryString;
import static io.shardgate.it.replicas.ReplicaItSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.jdbc.ShardgateConnection;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.testing.MariaDbTopology;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read-your-writes against a real MariaDB replica whose SQL thread is stopped, so it serves stale rows. The lag
 * limit is far away: the replica stays in use, and only the session's own writes decide where it reads. Two
 * engines over the same primary and replica: one with {@code primary_window}, one with {@code wait_for_replica}
 * (waiting at most 500 ms).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbReadYourWritesIT {
    private static final String DATABASE = "app";
    private static final long WAIT_MILLIS = 500;

    private MariaDbTopology topology;
    private ShardgateDataSource window;
    private ShardgateDataSource waiting;
    private int value;

    @BeforeAll
    void start() throws SQLException {
        topology = MariaDbTopology.builder().name("ryw").replicas(1).start();
        topology.primary().createDatabase(DATABASE);
        window = shardgate("primary_window", "{ maxLagMs: 600000, readYourWrites: primary_window, "
                + "primaryWindowMs: 600000 }");
        waiting = shardgate("wait_for_replica", "{ maxLagMs: 600000, readYourWrites: wait_for_replica, "
                + "primaryWindowMs: " + WAIT_MILLIS + " }");
        try (Connection c = window.getConnection()) {
            update(c, "CREATE TABLE items (id INT PRIMARY KEY, v INT NOT NULL)");
            update(c, "INSERT INTO items VALUES (1, 0)");
        }
    }

    private ShardgateDataSource shardgate(String name, String read) {
        return ReplicaItSupport.shardgate(name,
                dataSource("ds0", topology.primary(), topology.replicas(), DATABASE, read), "");
    }

    @AfterAll
    void stop() {
        try {
            for (ShardgateDataSource s : new ShardgateDataSource[]{window, waiting}) {
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

    /** Every test starts with the replica caught up and then frozen. */
    @BeforeEach
    void freezeReplica() {
        topology.awaitReplicaCaughtUp(Duration.ofSeconds(10));
        topology.replica(0).stopReplicaSqlThread();
    }

    @AfterEach
    void thawReplica() {
        topology.replica(0).startReplicaSqlThread();
    }

    private static int read(Connection connection) throws SQLException {
        return Integer.parseInt(queryString(connection, "SELECT v FROM items WHERE id = 1"));
    }

    /** Writes the next value through {@code connection}; returns it. */
    private int write(Connection connection) throws SQLException {
        update(connection, "UPDATE items SET v = " + ++value + " WHERE id = 1");
        return value;
    }

    @Test
    void primaryWindowShowsTheSessionItsWriteWhileOthersStillReadTheReplica() throws SQLException {
        try (Connection writer = window.getConnection(); Connection other = window.getConnection()) {
            int stale = read(other);
            int written = write(writer);
            assertThat(read(writer)).isEqualTo(written);
            assertThat(read(other)).isEqualTo(stale);
        }
    }

    @Test
    void primaryWindowCountsACommittedTransaction() throws SQLException {
        try (Connection writer = window.getConnection(); Connection other = window.getConnection()) {
            int stale = read(other);
            writer.setAutoCommit(false);
            int written = write(writer);
            writer.commit();
            writer.setAutoCommit(true);
            assertThat(read(writer)).isEqualTo(written);
            assertThat(read(other)).isEqualTo(stale);
        }
    }

    @Test
    void waitForReplicaFallsBackToThePrimaryWhenTheReplicaDoesNotCatchUp() throws SQLException {
        try (Connection writer = waiting.getConnection(); Connection other = waiting.getConnection()) {
            int stale = read(other);
            int written = write(writer);
            long started = System.nanoTime();
            assertThat(read(writer)).isEqualTo(written);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(
                    Duration.ofMillis(WAIT_MILLIS - 50)); // MASTER_GTID_WAIT gave up first
            assertThat(read(other)).isEqualTo(stale);
        }
    }

    @Test
    void waitForReplicaReadsTheReplicaOnceItHasTheWrite() throws SQLException {
        topology.replica(0).startReplicaSqlThread();
        try (Connection writer = waiting.getConnection()) {
            int written = write(writer);
            assertThat(read(writer)).isEqualTo(written);
            assertThat(queryString(writer, "SELECT @@port")).isEqualTo(Integer.toString(topology.replica(0).port()));
            writer.setAutoCommit(false);
            written = write(writer);
            writer.commit();
            writer.setAutoCommit(true);
            assertThat(read(writer)).isEqualTo(written);
        }
    }

    @Test
    void forcingThePrimaryForAConnectionReadsFreshRowsWithoutHavingWritten() throws SQLException {
        try (Connection writer = waiting.getConnection(); Connection reader = window.getConnection()) {
            int stale = read(reader);
            int written = write(writer);
            reader.unwrap(ShardgateConnection.class).session().setForcePrimary(true);
            assertThat(read(reader)).isEqualTo(written);
            reader.unwrap(ShardgateConnection.class).session().setForcePrimary(false);
            assertThat(read(reader)).isEqualTo(stale);
        }
    }
}
