package io.shardgate.reshard.lag;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LagGuardTest {
    private static final long SECOND = 1_000_000_000L;

    private long now;
    private long slept;
    private final List<String> lines = new ArrayList<>();
    private final Deque<List<ReplicaLag>> measurements = new ArrayDeque<>();
    private int measured;

    /** Replays {@link #measurements}, repeating the last one. */
    private final ReplicaLagSource source = new ReplicaLagSource() {
        @Override
        public List<ReplicaLag> measure() {
            measured++;
            return measurements.size() > 1 ? measurements.poll() : measurements.peek();
        }

        @Override
        public void close() {
        }
    };

    private LagGuard guard(Duration maxLag) {
        return new LagGuard(source, maxLag, Duration.ofSeconds(1), () -> now, nanos -> {
            slept += nanos;
            now += nanos;
        }, "copy", lines::add);
    }

    private static ReplicaLag lag(String replica, long seconds) {
        return ReplicaLag.measured(replica, Duration.ofSeconds(seconds), seconds * 100);
    }

    @Test
    void waitsWhileAReplicaLagsAndResumesOnceItCatchesUp() throws InterruptedException {
        measurements.add(List.of(lag("ds0.replica0", 0), lag("ds2.replica0", 15)));
        measurements.add(List.of(lag("ds0.replica0", 0), lag("ds2.replica0", 12)));
        measurements.add(List.of(lag("ds0.replica0", 1), lag("ds2.replica0", 3)));

        assertThat(guard(Duration.ofSeconds(10)).awaitReplicas(() -> false)).isTrue();

        assertThat(measured).isEqualTo(3);
        assertThat(slept).isEqualTo(2 * SECOND);
        assertThat(lines).containsExactly(
                "copy paused: replica ds2.replica0 is 15.0 s behind its primary (1500 transactions) (limit 10.0 s); "
                        + "waiting for it to catch up",
                "replicas within 10.0 s again after waiting 2.0 s; copy resumes");
    }

    @Test
    void measuresAtMostOncePerInterval() throws InterruptedException {
        measurements.add(List.of(lag("ds0.replica0", 0)));
        LagGuard guard = guard(Duration.ofSeconds(10));
        assertThat(guard.awaitReplicas(() -> false)).isTrue();
        now += SECOND / 2;
        assertThat(guard.awaitReplicas(() -> false)).isTrue();
        assertThat(guard.withinLimit()).isTrue();
        assertThat(measured).isEqualTo(1);
        now += SECOND / 2;
        assertThat(guard.awaitReplicas(() -> false)).isTrue();
        assertThat(measured).isEqualTo(2);
        assertThat(slept).isZero();
        assertThat(lines).isEmpty();
    }

    @Test
    void namesTheLaggingReplicaAgainEveryTenSecondsOfWaiting() throws InterruptedException {
        for (long lag = 20; lag < 32; lag++) {
            measurements.add(List.of(lag("ds1.replica1", lag)));
        }
        measurements.add(List.of(lag("ds1.replica1", 0)));
        assertThat(guard(Duration.ofSeconds(10)).awaitReplicas(() -> false)).isTrue();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("copy still paused after 10.0 s: replica ds1.replica1 is 30.0 s behind "
                + "its primary (3000 transactions) (limit 10.0 s)");
        assertThat(lines.get(2)).startsWith("replicas within 10.0 s again after waiting 12.0 s");
    }

    @Test
    void anUnreachableReplicaIsReportedOnceAndNotWaitedFor() throws InterruptedException {
        measurements.add(List.of(ReplicaLag.unreachable("ds0.replica0", "Connection refused"), lag("ds0.replica1", 0)));
        measurements.add(List.of(ReplicaLag.unreachable("ds0.replica0", "Connection refused"), lag("ds0.replica1", 0)));
        measurements.add(List.of(lag("ds0.replica0", 0), lag("ds0.replica1", 0)));
        LagGuard guard = guard(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertThat(guard.awaitReplicas(() -> false)).isTrue();
            now += SECOND;
        }
        assertThat(measured).isEqualTo(3);
        assertThat(slept).isZero();
        assertThat(lines).containsExactly(
                "cannot check the lag of replica ds0.replica0 (Connection refused); not waiting for it, copy goes on",
                "replica ds0.replica0 answers again; its lag counts again");
    }

    @Test
    void aStopEndsTheWait() throws InterruptedException {
        measurements.add(List.of(lag("ds0.replica0", 60)));
        LagGuard guard = guard(Duration.ofSeconds(10));
        assertThat(guard.awaitReplicas(() -> slept >= 3 * SECOND)).isFalse();
        assertThat(slept).isEqualTo(3 * SECOND);
        assertThat(lines).hasSize(1);
    }

    @Test
    void withinLimitReportsALagWithoutWaiting() {
        measurements.add(List.of(lag("ds2.replica0", 11)));
        measurements.add(List.of(lag("ds2.replica0", 2)));
        LagGuard guard = guard(Duration.ofSeconds(10));
        assertThat(guard.withinLimit()).isFalse();
        now += SECOND / 2;
        assertThat(guard.withinLimit()).as("still paused until the next check").isFalse();
        now += SECOND / 2;
        assertThat(guard.withinLimit()).isTrue();
        assertThat(slept).isZero();
        assertThat(lines).hasSize(2);
    }

    @Test
    void zeroTurnsTheGuardOff() throws InterruptedException {
        measurements.add(List.of(lag("ds0.replica0", 600)));
        LagGuard guard = guard(Duration.ZERO);
        assertThat(guard.awaitReplicas(() -> false)).isTrue();
        assertThat(guard.withinLimit()).isTrue();
        assertThat(LagGuard.off().awaitReplicas(() -> false)).isTrue();
        assertThat(measured).isZero();
    }
}
