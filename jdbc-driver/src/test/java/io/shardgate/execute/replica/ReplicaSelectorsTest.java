package io.shardgate.execute.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.execute.DataSourceRegistry;
import io.shardgate.execute.Endpoint;
import io.shardgate.execute.H2Endpoints;
import io.shardgate.execute.ReplicaSelector;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each read policy over three replicas of weights 1, 2 and 3, with real pools over H2 for least_busy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaSelectorsTest {
    private H2Endpoints h2;
    private DataSourceRegistry registry;
    private List<Endpoint> replicas;

    @BeforeAll
    void start() throws SQLException {
        h2 = new H2Endpoints("selectors", 3);
        registry = new DataSourceRegistry(h2.config("{}").dataSources(), Duration.ofSeconds(1), new FakeTicker());
        replicas = registry.replicas("ds0").replicas();
    }

    @AfterAll
    void stop() throws SQLException {
        registry.close();
        h2.close();
    }

    private static List<Endpoint> picks(ReplicaSelector selector, List<Endpoint> from, int n) {
        List<Endpoint> picks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picks.add(selector.select("ds0", from));
        }
        return picks;
    }

    private static Map<Endpoint, Long> counts(List<Endpoint> picks) {
        return picks.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void roundRobinTakesTheUsableReplicasInTurn() {
        ReplicaSelector selector = ReplicaSelectors.forPolicy("round_robin");
        assertThat(picks(selector, replicas, 6)).containsExactly(replicas.get(0), replicas.get(1), replicas.get(2),
                replicas.get(0), replicas.get(1), replicas.get(2));
        List<Endpoint> two = List.of(replicas.get(0), replicas.get(2));
        assertThat(counts(picks(selector, two, 10))).containsOnlyKeys(two).containsValues(5L, 5L);
    }

    @Test
    void randomPicksEveryUsableReplicaAndNothingElse() {
        Map<Endpoint, Long> counts = counts(picks(ReplicaSelectors.forPolicy("random"), replicas, 3_000));
        assertThat(counts).containsOnlyKeys(replicas);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(700L, 1_300L));
    }

    @Test
    void weightedSharesReadsByWeightInterleaved() {
        ReplicaSelector selector = ReplicaSelectors.forPolicy("weighted");
        List<Endpoint> picks = picks(selector, replicas, 6);
        Endpoint w1 = replicas.get(0);
        Endpoint w2 = replicas.get(1);
        Endpoint w3 = replicas.get(2);
        assertThat(picks).containsExactly(w3, w2, w1, w3, w2, w3);
        assertThat(counts(picks(selector, replicas, 600))).containsEntry(w1, 100L).containsEntry(w2, 200L)
                .containsEntry(w3, 300L);
        assertThat(counts(picks(selector, List.of(w1, w2), 300))).containsEntry(w1, 100L).containsEntry(w2, 200L);
    }

    @Test
    void leastBusyPicksTheReplicaWithFewestConnectionsInUseAndRotatesTies() throws SQLException {
        ReplicaSelector selector = ReplicaSelectors.forPolicy("least_busy");
        assertThat(picks(selector, replicas, 3)).containsExactlyInAnyOrderElementsOf(replicas);
        List<Connection> inUse = new ArrayList<>();
        try {
            inUse.add(DataSourceRegistry.connect(replicas.get(0)));
            inUse.add(DataSourceRegistry.connect(replicas.get(0)));
            inUse.add(DataSourceRegistry.connect(replicas.get(2)));
            assertThat(picks(selector, replicas, 3)).containsOnly(replicas.get(1));
            inUse.add(DataSourceRegistry.connect(replicas.get(1)));
            inUse.add(DataSourceRegistry.connect(replicas.get(1)));
            assertThat(picks(selector, replicas, 3)).containsOnly(replicas.get(2));
        } finally {
            for (Connection connection : inUse) {
                connection.close();
            }
        }
    }

    @Test
    void unknownPolicyIsRefused() {
        assertThatThrownBy(() -> ReplicaSelectors.forPolicy("fastest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fastest'");
    }
}
