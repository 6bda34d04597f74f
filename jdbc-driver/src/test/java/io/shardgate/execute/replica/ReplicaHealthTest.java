package io.shardgate.execute.replica;

import static io.shardgate.execute.replica.ReplicaHealth.NEVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.execute.replica.ReplicaStatus.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-replica state machine, driven by hand with a fake clock: max lag 5 s, a check vouches for 2 s. */
class ReplicaHealthTest {
    private final FakeTicker ticker = new FakeTicker();
    private final ReplicaHealth health = new ReplicaHealth("shardgate-ds0-replica0", Duration.ofSeconds(5),
            Duration.ofSeconds(2), ticker);

    private void advance(long millis) {
        ticker.advance(Duration.ofMillis(millis));
    }

    private State state() {
        return health.status(ticker.read()).state();
    }

    private Duration lag() {
        return health.status(ticker.read()).lag();
    }

    private boolean usable() {
        return health.usable(ticker.read());
    }

    @Test
    void unknownUntilFirstChecked() {
        assertThat(state()).isEqualTo(State.UNKNOWN);
        assertThat(usable()).isFalse();
        assertThat(lag()).isNull();
    }

    @Test
    void caughtUpReplicaHasNoLagWhileTheCheckIsFresh() {
        long checked = ticker.read();
        health.reached(checked, checked, true);
        advance(2_000);
        assertThat(state()).isEqualTo(State.UP);
        assertThat(lag()).isZero();
    }

    @Test
    void behindReplicaLagsByTheTimeSinceItWasLastCurrent() {
        long current = ticker.read();
        health.reached(current, current, true);
        advance(1_000);
        health.reached(ticker.read(), current, false);
        assertThat(lag()).isEqualTo(Duration.ofSeconds(1));
        assertThat(usable()).isTrue();

        advance(4_000);
        assertThat(lag()).isEqualTo(Duration.ofSeconds(5));
        assertThat(state()).isEqualTo(State.UP);
        advance(1);
        assertThat(state()).isEqualTo(State.LAGGING);
        assertThat(usable()).isFalse();

        health.reached(ticker.read(), ticker.read(), true);
        assertThat(state()).isEqualTo(State.UP);
        assertThat(lag()).isZero();
    }

    @Test
    void neverSeenCurrentIsLaggingWithUnknownLag() {
        health.reached(ticker.read(), NEVER, false);
        assertThat(state()).isEqualTo(State.LAGGING);
        assertThat(lag()).isNull();
        assertThat(usable()).isFalse();
    }

    @Test
    void checksThatStopArrivingStopVouchingForTheReplica() {
        long checked = ticker.read();
        health.reached(checked, checked, true);
        advance(3_000);
        assertThat(lag()).isEqualTo(Duration.ofSeconds(3));
        advance(2_001);
        assertThat(state()).isEqualTo(State.LAGGING);
    }

    @Test
    void knownLagIsKeptAcrossAnOutage() {
        long current = ticker.read();
        health.reached(current, current, true);
        advance(1_000);
        health.unreachable(ticker.read(), "Connection refused");
        assertThat(state()).isEqualTo(State.DOWN);
        assertThat(health.status(ticker.read()).problem()).isEqualTo("Connection refused");
        assertThat(lag()).isNull();
        advance(1_000);
        health.reached(ticker.read(), NEVER, false); // back, still applying what it missed
        assertThat(lag()).isEqualTo(Duration.ofSeconds(2));
        assertThat(health.hadEverythingAt(current)).isTrue();
        assertThat(health.hadEverythingAt(current + 1)).isFalse();
    }

    @Test
    void aFailedReadTakesTheReplicaOutUntilACheckStartedAfterwardsReachesIt() {
        long checkStarted = ticker.read();
        health.reached(checkStarted, checkStarted, true);
        advance(10);
        long slowCheckStarted = ticker.read();
        advance(10);
        health.markDown("Socket error");
        assertThat(state()).isEqualTo(State.DOWN);
        assertThat(usable()).isFalse();

        health.reached(slowCheckStarted, slowCheckStarted, true); // began before the failure: stale
        assertThat(state()).isEqualTo(State.DOWN);

        advance(10);
        health.reached(ticker.read(), ticker.read(), true);
        assertThat(state()).isEqualTo(State.UP);
        assertThat(health.status(ticker.read()).problem()).isNull();
    }

    @Test
    void zeroMaxLagAcceptsOnlyReplicasCaughtUpAtTheLastCheck() {
        ReplicaHealth strict = new ReplicaHealth("strict", Duration.ZERO, Duration.ofSeconds(2), ticker);
        long checked = ticker.read();
        strict.reached(checked, checked, true);
        assertThat(strict.usable(ticker.read())).isTrue();
        advance(1);
        strict.reached(ticker.read(), checked, false);
        assertThat(strict.usable(ticker.read())).isFalse();
    }
}
