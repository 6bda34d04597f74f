package io.shardgate.reshard.copy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {
    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private Throttle throttle(long perSecond) {
        return new Throttle(perSecond, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void sleepsUntilTheRowsAreDue() throws InterruptedException {
        Throttle throttle = throttle(1000);
        throttle.pass(500); // 500 rows are due 0.5 s after the start
        assertThat(sleeps).containsExactly(500_000_000L);
        now += 200_000_000L; // the next chunk took 0.2 s of work
        throttle.pass(500);
        assertThat(sleeps).containsExactly(500_000_000L, 300_000_000L);
    }

    @Test
    void doesNotSleepWhenBehindOrUnlimited() throws InterruptedException {
        Throttle throttle = throttle(1000);
        throttle.pass(1);
        now += 5_000_000_000L;
        throttle.pass(100);
        assertThat(sleeps).hasSize(1);
        Throttle.unlimited().pass(1_000_000);
    }
}
