package io.shardgate.it.replicas;

import static io.shardgate.it.replicas.ReplicaItSupport.dataSource;
import static io.shardgate.it.replicas.ReplicaItSupport.eventually;
import static io.shardgate.it.replicas.ReplicaItSupport.queryString;
import static io.shardgate.it.replicas.ReplicaItSupport.states;
import static io.shardgate.it.replicas.ReplicaItSupport.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.execute.replica.ReplicaStatus.State;
import io.shardgate.jdbc.ShardgateDataSource;
import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replica health against real MariaDB GTID replication: ds0 is a primary with two replicas, ds1 a primary with
 * one; {@code items} is split by {@code id} mod 2 (id 0 on ds0, id 1 on ds1). Reads do not keep sessions on the
 * primary after writes here ({@code readYourWrites: none}), so every read shows what replica choice alone does.
 * The tests run in order on the same servers; the last one kills ds1's primary. A second engine over the same
 * servers checks its replicas only at start, so it notices a dead replica only through failing reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbReplicaFailoverIT {
    private static final String DATABASE = "app";
    private static final String READ = "{ policy: round_robin, maxLagMs: 500, readYourWrites: none }";
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static final String TABLES = """
            tables:
              items: { shardKey: id, algorithm: mod, nodes: [ds0.items, ds1.items] }
            """;

    private MariaDbTopology shard0;
    private MariaDbTopology shard1;
    private ShardgateDataSource shardgate;
    private Connection connection;
    /** Checks its replicas only when it starts: whatever it learns later, it learns from failing reads. */
    private ShardgateDataSource uncheckedShardgate;
    private Connection uncheckedConnection;

    @BeforeAll
    void start() throws Exception {
        CompletableFuture<MariaDbTopology> second =
                CompletableFuture.supplyAsync(() -> MariaDbTopology.builder().name("failover1").replicas(1).start());
        try {
            shard0 = MariaDbTopology.builder().name("failover0").replicas(2).start();
        } finally {
            shard1 = second.join();
        }
        for (MariaDbTopology shard : List.of(shard0, shard1)) {
            shard.primary().createDatabase(DATABASE);
            shard.awaitReplicaCaughtUp(Duration.ofSeconds(10));
        }
        String dataSources = dataSource("ds0", shard0.primary(), shard0.replicas(), DATABASE, READ)
                + dataSource("ds1", shard1.primary(), shard1.replicas(), DATABASE, READ);
        shardgate = ReplicaItSupport.shardgate("failover", dataSources, TABLES);
        connection = shardgate.getConnection();
        uncheckedShardgate = ReplicaItSupport.shardgate("failover-unchecked", dataSources, TABLES, 3_600_000);
        uncheckedConnection = uncheckedShardgate.getConnection();
        update(connection, "CREATE TABLE items (id BIGINT PRIMARY KEY, v INT NOT NULL)");
        update(connection, "INSERT INTO items (id, v) VALUES (0, 1), (1, 1)");
        shard0.awaitReplicaCaughtUp(Duration.ofSeconds(10));
        shard1.awaitReplicaCaughtUp(Duration.ofSeconds(10));
    }

    @AfterAll
    void stop() throws SQLException {
        try {
            for (Connection c : new Connection[]{connection, uncheckedConnection}) {
                if (c != null) {
                    c.close();
                }
            }
            for (ShardgateDataSource s : new ShardgateDataSource[]{shardgate, uncheckedShardgate}) {
                if (s != null) {
                    s.close(); // stops the checks and pools before the servers go
                }
            }
        } finally {
            for (MariaDbTopology shard : new MariaDbTopology[]{shard0, shard1}) {
                if (shard != null) {
                    shard.close();
                }
            }
        }
    }

    /**
     * The ports of the ds0 servers answering {@code n} plain reads in a row (a statement on no table goes to ds0).
     * Reads of one data source share one round robin, so they must not be interleaved with other ds0 reads.
     */
    private List<Integer> ds0ReadPorts(int n) throws SQLException {
        return ds0ReadPorts(connection, n);
    }

    private static List<Integer> ds0ReadPorts(Connection connection, int n) throws SQLException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports.add(Integer.parseInt(queryString(connection, "SELECT @@port")));
        }
        return ports;
    }

    private int value(long id) throws SQLException {
        return value(connection, id);
    }

    private static int value(Connection connection, long id) throws SQLException {
        return Integer.parseInt(queryString(connection, "SELECT v FROM items WHERE id = " + id));
    }

    @Test
    @Order(1)
    void readsContinueWhileAReplicaIsKilledAndUseItAgainOnceItIsBack() throws Exception {
        MariaDbServer victim = shard0.replica(0);
        for (Connection c : List.of(connection, uncheckedConnection)) { // both pools hold connections to it
            assertThat(ds0ReadPorts(c, 20)).containsOnly(victim.port(), shard0.replica(1).port())
                    .contains(victim.port(), shard0.replica(1).port());
        }

        victim.kill();
        try {
            for (int i = 0; i < 100; i++) {
                assertThat(value(uncheckedConnection, 0)).isEqualTo(1); // one of these fails on the dead replica
                assertThat(value(0)).isEqualTo(1);
            }
            assertThat(ds0ReadPorts(uncheckedConnection, 20)).doesNotContain(victim.port());
            assertThat(states(uncheckedShardgate, "ds0-replica0")).containsExactly(State.DOWN);
            assertThat(ds0ReadPorts(20)).doesNotContain(victim.port());
            assertThat(states(shardgate, "ds0-replica0")).containsExactly(State.DOWN);
        } finally {
            victim.restart();
        }
        eventually(RECOVERY, "the restarted replica being used again", () -> states(shardgate, "ds0-replica0"),
                state -> state.equals(List.of(State.UP)));
        // A pooled connection opened before the kill may fail once more, marking the replica down until the next
        // check; reads never fail meanwhile, and the replica must come back into use.
        eventually(RECOVERY, "reads reaching the restarted replica", () -> ds0ReadPorts(10),
                ports -> ports.contains(victim.port()));
    }

    @Test
    @Order(2)
    void replicasWhoseSqlThreadStopsAreSkippedUntilTheyCatchUp() throws Exception {
        shard0.replicas().forEach(MariaDbServer::stopReplicaSqlThread);
        try {
            update(connection, "UPDATE items SET v = 2 WHERE id = 0");
            eventually(Duration.ofSeconds(10), "reads seeing the write", () -> value(0), v -> v == 2);
            assertThat(states(shardgate, "ds0-replica0", "ds0-replica1")).containsOnly(State.LAGGING);
            for (int i = 0; i < 10; i++) {
                assertThat(value(0)).isEqualTo(2);
            }
            assertThat(ds0ReadPorts(10)).containsOnly(shard0.primary().port());
        } finally {
            shard0.replicas().forEach(MariaDbServer::startReplicaSqlThread);
        }
        eventually(RECOVERY, "both replicas being used again", () -> states(shardgate, "ds0-replica0", "ds0-replica1"),
                both -> both.stream().allMatch(state -> state == State.UP));
        for (int i = 0; i < 10; i++) {
            assertThat(value(0)).isEqualTo(2);
        }
        assertThat(ds0ReadPorts(10)).containsOnly(shard0.replica(0).port(), shard0.replica(1).port())
                .contains(shard0.replica(0).port(), shard0.replica(1).port());
    }

    @Test
    @Order(3)
    void aDeadPrimaryFailsItsShardsWritesByNameWhileTheOtherShardWorks() throws Exception {
        shard1.primary().kill();
        assertThatThrownBy(() -> update(connection, "UPDATE items SET v = 3 WHERE id = 1"))
                .isInstanceOf(SQLException.class).hasMessageStartingWith("ds1: ");

        update(connection, "UPDATE items SET v = 3 WHERE id = 0");
        assertThat(Integer.parseInt(queryString(connection,
                "SELECT /* shardgate:primary */ v FROM items WHERE id = 0"))).isEqualTo(3);
        eventually(Duration.ofSeconds(10), "ds0's replicas having the write", () -> value(0), v -> v == 3);
        update(connection, "INSERT INTO items (id, v) VALUES (2, 1)");
        eventually(Duration.ofSeconds(10), "reading the new row", () -> queryString(connection,
                "SELECT v FROM items WHERE id = 2"), "1"::equals);
    }
}
