package io.shardgate.reshard.lag;

import io.shardgate.reshard.stream.GtidPosition;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PrimaryPositionsTest {
    private static final long SECOND = 1_000_000_000L;

    private static GtidPosition at(long sequence) {
        return GtidPosition.parse("0-1-" + sequence);
    }

    @Test
    void aReplicaWithTheNewestPositionDoesNotLag() {
        PrimaryPositions primary = new PrimaryPositions(Duration.ofSeconds(30));
        primary.add(0, at(10));
        primary.add(SECOND, at(20));
        assertThat(primary.lagOf(at(20), 2 * SECOND)).isZero();
        assertThat(primary.lagOf(at(25), 2 * SECOND)).isZero();
    }

    @Test
    void aReplicaBehindLagsSinceTheNewestPositionItHas() {
        PrimaryPositions primary = new PrimaryPositions(Duration.ofSeconds(30));
        primary.add(0, at(10));
        primary.add(SECOND, at(20));
        primary.add(2 * SECOND, at(30));
        assertThat(primary.lagOf(at(25), 5 * SECOND)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anIdlePrimaryKeepsTheTimeItFirstHadItsPosition() {
        PrimaryPositions primary = new PrimaryPositions(Duration.ofSeconds(30));
        primary.add(0, at(10));
        primary.add(SECOND, at(20));
        primary.add(5 * SECOND, at(20));
        assertThat(primary.lagOf(at(10), 6 * SECOND)).as("it has lacked 20 since 1 s, not since 5 s")
                .isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aReplicaMissingEverySampleLagsAtLeastSinceTheOldest() {
        PrimaryPositions primary = new PrimaryPositions(Duration.ofSeconds(3));
        for (long s = 0; s <= 10; s++) {
            primary.add(s * SECOND, at(100 + s));
        }
        assertThat(primary.lagOf(at(5), 10 * SECOND)).isEqualTo(Duration.ofSeconds(3));
        assertThat(new PrimaryPositions(Duration.ofSeconds(3)).lagOf(at(5), SECOND)).as("nothing sampled yet")
                .isZero();
    }
}
