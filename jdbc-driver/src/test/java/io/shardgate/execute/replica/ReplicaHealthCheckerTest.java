package io.shardgate.execute.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.execute.DataSourceRegistry;
import io.shardgate.execute.H2Endpoints;
import io.shardgate.execute.replica.ReplicaStatus.State;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks against real (H2) endpoints: H2 reports no replication positions, so only reachability counts. */
class ReplicaHealthCheckerTest {
    private final FakeTicker ticker = new FakeTicker();
    private H2Endpoints h2;
    private DataSourceRegistry registry;
    private ReplicaSet set;
    private ReplicaHealthChecker checker;

    @BeforeEach
    void start() throws SQLException {
        h2 = new H2Endpoints("checker", 2);
        registry = new DataSourceRegistry(h2.config("{}").dataSources(), Duration.ofSeconds(1), ticker);
        set = registry.replicas("ds0");
        checker = new ReplicaHealthChecker(List.of(set), Duration.ofSeconds(1), ticker);
    }

    @AfterEach
    void stop() throws SQLException {
        checker.close();
        registry.close();
        h2.close();
    }

    private List<State> states() {
        return set.status().stream().map(ReplicaStatus::state).toList();
    }

    @Test
    void reachableReplicasAreUpAfterACheck() {
        assertThat(states()).containsExactly(State.UNKNOWN, State.UNKNOWN);
        checker.checkNow();
        assertThat(states()).containsExactly(State.UP, State.UP);
    }

    @Test
    void anUnreachableReplicaIsDownUntilACheckReachesItAgain() throws SQLException {
        checker.checkNow();
        h2.shutDown("replica1");
        ticker.advance(Duration.ofSeconds(1));
        checker.checkNow();
        assertThat(states()).containsExactly(State.UP, State.DOWN);
        assertThat(set.status().get(1).problem()).contains("Database").contains("not found");
        assertThat(set.choose()).isEqualTo(set.replicas().get(0));

        h2.bringUp("replica1");
        ticker.advance(Duration.ofSeconds(1));
        checker.checkNow();
        assertThat(states()).containsExactly(State.UP, State.UP);
    }

    @Test
    void startChecksOnceBeforeReturningThenKeepsCheckingInTheBackground() {
        checker.start();
        assertThat(states()).containsExactly(State.UP, State.UP);
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(thread ->
                assertThat(thread.getName()).isEqualTo("shardgate-replica-check"));
        checker.close();
        checker.checkNow(); // closed: does nothing, opens nothing
        assertThat(states()).containsExactly(State.UP, State.UP);
    }
}
