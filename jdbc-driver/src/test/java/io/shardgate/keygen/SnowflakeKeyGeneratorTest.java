package io.shardgate.keygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SnowflakeKeyGeneratorTest {
    private static final long NOW = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

    /** A clock returning the given readings in turn, then repeating the last. */
    private static LongSupplier readings(long... millis) {
        AtomicInteger next = new AtomicInteger();
        return () -> millis[Math.min(next.getAndIncrement(), millis.length - 1)];
    }

    @Test
    void keysAreUniqueAcrossThreadsAndIncreaseWithinEach() throws Exception {
        SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(7, System::currentTimeMillis);
        int threads = 8;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<long[]> task = () -> {
                    long[] keys = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        keys[i] = generator.next();
                    }
                    return keys;
                };
                futures.add(pool.submit(task));
            }
            Set<Long> all = new HashSet<>();
            for (Future<long[]> future : futures) {
                long[] keys = future.get();
                for (int i = 0; i < keys.length; i++) {
                    assertThat(all.add(keys[i])).as("key %d seen before", keys[i]).isTrue();
                    if (i > 0) {
                        assertThat(keys[i]).isGreaterThan(keys[i - 1]);
                    }
                }
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysArePositiveAndCarryTimeWorkerAndSequence() throws SQLException {
        SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(1023, readings(NOW, NOW, NOW + 1));
        long first = generator.next();
        long second = generator.next();
        long third = generator.next();
        assertThat(first).isPositive();
        assertThat(SnowflakeKeyGenerator.workerOf(first)).isEqualTo(1023);
        assertThat(SnowflakeKeyGenerator.timeOf(first)).isEqualTo(Instant.ofEpochMilli(NOW));
        assertThat(second).isEqualTo(first + 1); // same millisecond: next sequence number
        assertThat(SnowflakeKeyGenerator.timeOf(third)).isEqualTo(Instant.ofEpochMilli(NOW + 1));
        assertThat(third & 0xFFF).as("sequence restarts each millisecond").isZero();
    }

    @Test
    void workerIdMustBeInTenBits() {
        assertThatThrownBy(() -> new SnowflakeKeyGenerator(1024, System::currentTimeMillis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1023");
        assertThatThrownBy(() -> new SnowflakeKeyGenerator(-1, System::currentTimeMillis))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SnowflakeKeyGenerator.forWorker(5)).isSameAs(SnowflakeKeyGenerator.forWorker(5));
        assertThat(SnowflakeKeyGenerator.forWorker(5).workerId()).isEqualTo(5);
    }

    @Test
    void exhaustedMillisecondWaitsForTheNext() throws SQLException {
        long[] clock = new long[4096 + 3];
        java.util.Arrays.fill(clock, NOW);
        clock[clock.length - 1] = NOW + 1;
        SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(0, readings(clock));
        long last = -1;
        for (int i = 0; i < 4097; i++) {
            long key = generator.next();
            assertThat(key).isGreaterThan(last);
            last = key;
        }
        assertThat(SnowflakeKeyGenerator.timeOf(last)).isEqualTo(Instant.ofEpochMilli(NOW + 1));
    }

    @Test
    void clockSteppingBackALittleWaitsUntilItCatchesUp() throws SQLException {
        SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(3, readings(NOW, NOW - 5, NOW - 3, NOW, NOW));
        long before = generator.next();
        long after = generator.next();
        assertThat(after).isGreaterThan(before);
        assertThat(SnowflakeKeyGenerator.timeOf(after)).isEqualTo(Instant.ofEpochMilli(NOW));
    }

    @Test
    void clockSteppingBackFarFailsNamingTheStep() throws SQLException {
        SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(3, readings(NOW, NOW - 60_000));
        generator.next();
        assertThatThrownBy(generator::next)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("clock moved back by 60000 ms")
                .hasMessageContaining("worker 3");
    }
}
