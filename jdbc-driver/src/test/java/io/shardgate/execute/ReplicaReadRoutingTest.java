package io.shardgate.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.execute.replica.FakeTicker;
import io.shardgate.execute.replica.ReadYourWrites;
import io.shardgate.execute.replica.ReplicaStatus;
import io.shardgate.execute.replica.ReplicaStatus.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where one statement's reads go, through {@link PooledConnections}: read-your-writes per session, and failing
 * over from replicas that cannot be reached. H2 endpoints; time moves only by hand.
 */
class ReplicaReadRoutingTest {
    private final FakeTicker ticker = new FakeTicker();
    private H2Endpoints h2;
    private DataSourceRegistry registry;

    @BeforeEach
    void start() throws SQLException {
        h2 = new H2Endpoints("routing", 2);
    }

    @AfterEach
    void stop() throws SQLException {
        if (registry != null) {
            registry.close();
        }
        h2.close();
    }

    private void configure(String read) {
        registry = new DataSourceRegistry(h2.config(read).dataSources(), Duration.ofSeconds(1), ticker);
        registry.checkReplicasNow();
    }

    private String read(ReadYourWrites session) throws SQLException {
        PooledConnections source = new PooledConnections(registry, session, true);
        Connection connection = source.acquire("ds0");
        try {
            return H2Endpoints.site(connection);
        } finally {
            source.release(connection);
        }
    }

    private List<String> reads(ReadYourWrites session, int n) throws SQLException {
        List<String> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sites.add(read(session));
        }
        return sites;
    }

    /** What the executor does around a write unit in autocommit. */
    private void write(ReadYourWrites session) throws SQLException {
        PooledConnections source = new PooledConnections(registry, session, false);
        Connection connection = source.acquire("ds0");
        try {
            assertThat(H2Endpoints.site(connection)).isEqualTo("primary");
            source.afterWrite("ds0", connection);
        } finally {
            source.release(connection);
        }
    }

    private List<State> states() {
        return registry.replicaStatus().stream().map(ReplicaStatus::state).toList();
    }

    @Test
    void primaryWindowKeepsTheWritingSessionsReadsOnThePrimaryForTheWindow() throws SQLException {
        configure("{ readYourWrites: primary_window, primaryWindowMs: 1000 }");
        ReadYourWrites writer = registry.newReadYourWrites();
        ReadYourWrites other = registry.newReadYourWrites();
        assertThat(reads(writer, 2)).containsExactlyInAnyOrder("replica0", "replica1");

        write(writer);
        assertThat(reads(writer, 2)).containsOnly("primary");
        assertThat(reads(other, 2)).containsExactlyInAnyOrder("replica0", "replica1");
        ticker.advance(Duration.ofMillis(999));
        assertThat(read(writer)).isEqualTo("primary");
        ticker.advance(Duration.ofMillis(1));
        assertThat(reads(writer, 2)).containsExactlyInAnyOrder("replica0", "replica1");
    }

    @Test
    void noneReadsReplicasRightAfterAWrite() throws SQLException {
        configure("{ readYourWrites: none }");
        ReadYourWrites session = registry.newReadYourWrites();
        write(session);
        assertThat(reads(session, 2)).containsExactlyInAnyOrder("replica0", "replica1");
    }

    @Test
    void waitForReplicaActsAsThePrimaryWindowWhereTheBackendHasNoLogPositions() throws SQLException {
        configure("{ readYourWrites: wait_for_replica, primaryWindowMs: 500 }");
        ReadYourWrites session = registry.newReadYourWrites();
        write(session);
        assertThat(read(session)).isEqualTo("primary");
        ticker.advance(Duration.ofMillis(500));
        registry.checkReplicasNow();
        assertThat(read(session)).startsWith("replica");
    }

    @Test
    void anUnreachableReplicaIsMarkedDownAndReadsGoToTheOther() throws SQLException {
        configure("{}");
        ReadYourWrites session = registry.newReadYourWrites();
        h2.shutDown("replica0");
        assertThat(reads(session, 4)).containsOnly("replica1");
        assertThat(states()).containsExactly(State.DOWN, State.UP);

        h2.bringUp("replica0");
        ticker.advance(Duration.ofSeconds(1));
        registry.checkReplicasNow();
        assertThat(reads(session, 2)).containsExactlyInAnyOrder("replica0", "replica1");
    }

    @Test
    void readsGoToThePrimaryWhenNoReplicaCanBeReached() throws SQLException {
        configure("{}");
        ReadYourWrites session = registry.newReadYourWrites();
        h2.shutDown("replica0");
        h2.shutDown("replica1");
        assertThat(reads(session, 3)).containsOnly("primary");
        assertThat(states()).containsExactly(State.DOWN, State.DOWN);
    }

    @Test
    void onlyConnectionFailuresOnReplicaConnectionsFailOver() throws SQLException {
        configure("{}");
        ReadYourWrites session = registry.newReadYourWrites();
        PooledConnections reads = new PooledConnections(registry, session, true);
        Connection replica = reads.acquire("ds0");
        try {
            assertThat(reads.failedOver(replica, new SQLSyntaxErrorException("bad SQL", "42000"))).isFalse();
            assertThat(states()).containsOnly(State.UP);
            assertThat(reads.failedOver(replica, new SQLException("(conn=7) Socket error", "08000"))).isTrue();
            assertThat(states()).contains(State.DOWN);
        } finally {
            reads.release(replica);
        }

        PooledConnections writes = new PooledConnections(registry, session, false);
        Connection primary = writes.acquire("ds0");
        try {
            assertThat(writes.failedOver(primary, new SQLException("Socket error", "08000"))).isFalse();
        } finally {
            writes.release(primary);
        }
    }
}
