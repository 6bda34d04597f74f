package io.shardgate.execute.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.execute.DataSourceRegistry;
import io.shardgate.execute.Endpoint;
import io.shardgate.execute.H2Endpoints;
import io.shardgate.execute.replica.ReplicaStatus.State;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lag measured from log positions, and which replicas reads may use, fed by hand as the health checker would:
 * primary GTID positions sampled once a second, max lag 3 s, check interval 1 s.
 */
class ReplicaSetTest {
    private final FakeTicker ticker = new FakeTicker();
    private H2Endpoints h2;
    private DataSourceRegistry registry;
    private ReplicaSet set;
    private Endpoint replica0;
    private Endpoint replica1;

    @BeforeEach
    void start() throws SQLException {
        h2 = new H2Endpoints("replica_set", 2);
        registry = new DataSourceRegistry(h2.config("{ maxLagMs: 3000 }").dataSources(), Duration.ofSeconds(1),
                ticker);
        set = registry.replicas("ds0");
        replica0 = set.replicas().get(0);
        replica1 = set.replicas().get(1);
    }

    @AfterEach
    void stop() throws SQLException {
        registry.close();
        h2.close();
    }

    /** One check round: the primary at {@code primary}, each replica at its applied position. */
    private void check(String primary, String applied0, String applied1) {
        long at = ticker.read();
        set.primaryChecked(at, GtidPosition.parse(primary));
        set.replicaChecked(replica0, at, GtidPosition.parse(applied0));
        set.replicaChecked(replica1, at, GtidPosition.parse(applied1));
        ticker.advance(Duration.ofSeconds(1));
    }

    private Set<Endpoint> chosen() {
        Set<Endpoint> chosen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Endpoint e = set.choose();
            if (e != null) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    @Test
    void noReplicaIsUsedBeforeItWasChecked() {
        assertThat(set.choose()).isNull();
        assertThat(set.status()).extracting(ReplicaStatus::state).containsExactly(State.UNKNOWN, State.UNKNOWN);
    }

    @Test
    void replicasThatAppliedThePrimarysPositionAreUsed() {
        check("0-1-10", "0-1-10", "0-1-10");
        assertThat(chosen()).containsExactlyInAnyOrder(replica0, replica1);
        assertThat(set.status()).extracting(ReplicaStatus::lag).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void aReplicaThatStoppedApplyingLagsFromTheLastPositionItReachedAndIsSkippedPastMaxLag() {
        check("0-1-10", "0-1-10", "0-1-10");
        check("0-1-20", "0-1-20", "0-1-10"); // replica1's SQL thread stopped after 0-1-10
        check("0-1-30", "0-1-30", "0-1-10");
        assertThat(set.status().get(1).lag()).isEqualTo(Duration.ofSeconds(3)); // current as of the first check
        assertThat(chosen()).containsExactlyInAnyOrder(replica0, replica1);
        check("0-1-40", "0-1-40", "0-1-10");
        assertThat(set.status().get(1).state()).isEqualTo(State.LAGGING);
        assertThat(chosen()).containsExactly(replica0);

        check("0-1-40", "0-1-40", "0-1-40"); // restarted and caught up
        assertThat(chosen()).containsExactlyInAnyOrder(replica0, replica1);
    }

    @Test
    void aReplicaBehindAnIdlePrimaryIsNotBehind() {
        check("0-1-10", "0-1-10", "0-1-10");
        for (int i = 0; i < 5; i++) {
            check("0-1-10", "0-1-10", "0-1-10"); // nothing written: a stopped SQL thread misses nothing
        }
        assertThat(chosen()).containsExactlyInAnyOrder(replica0, replica1);
    }

    @Test
    void readsGoToThePrimaryWhenEveryReplicaIsSkipped() {
        check("0-1-10", "0-1-10", "0-1-10");
        set.markDown(replica0, new SQLException("Socket error", "08000"));
        assertThat(chosen()).containsExactly(replica1);
        long at = ticker.read();
        set.replicaUnreachable(replica1, at, "Connection refused");
        assertThat(set.choose()).isNull();
        assertThat(set.status()).extracting(ReplicaStatus::state).containsExactly(State.DOWN, State.DOWN);
        assertThat(set.status()).extracting(ReplicaStatus::problem)
                .containsExactly("Socket error", "Connection refused");
    }

    @Test
    void withoutAnyPrimarySampleLagCannotBeKnown() {
        long at = ticker.read();
        set.replicaChecked(replica0, at, GtidPosition.parse("0-1-10"));
        set.replicaChecked(replica1, at, null);
        assertThat(set.status()).extracting(ReplicaStatus::state).containsExactly(State.LAGGING, State.LAGGING);
        assertThat(set.status()).extracting(ReplicaStatus::lag).containsOnlyNulls();
    }

    @Test
    void replicasOfBackendsWithoutPositionsCountAsCurrentWhileReachable() {
        set.replicaReachable(replica0, ticker.read());
        assertThat(chosen()).containsExactly(replica0);
    }

    @Test
    void writesAreKnownToBeOnAReplicaOnceACheckAfterThemFoundItCaughtUp() {
        check("0-1-10", "0-1-10", "0-1-10");
        long written = ticker.read();
        check("0-1-11", "0-1-11", "0-1-10");
        assertThat(set.hadEverythingAt(replica0, written)).isTrue();
        assertThat(set.hadEverythingAt(replica1, written)).isFalse();
    }
}
