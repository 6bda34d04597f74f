package io.shardgate.keygen;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Snowflake-style 64-bit keys, unique across shards without coordination: 41 bits of milliseconds since
 * {@link #EPOCH} (good until 2093), 10 bits of worker id ({@code props.workerId}, distinct per process writing the
 * same tables), 12 bits of sequence within the millisecond. Keys of one generator strictly increase; the sign bit
 * stays 0, so they fit a signed BIGINT.
 *
 * <p>If the clock steps back, keys could repeat: the generator waits for it to catch up when the step is at most
 * {@link #MAX_BACKWARD_WAIT_MILLIS}, and fails naming the step otherwise. When 4096 keys are taken within one
 * millisecond it waits for the next.
 */
public final class SnowflakeKeyGenerator {
    /** 2024-01-01T00:00:00Z: the zero of the timestamp bits. */
    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    public static final int MAX_WORKER_ID = 1023;
    /** How far back the clock may step before generation fails instead of waiting. */
    public static final long MAX_BACKWARD_WAIT_MILLIS = 1_000;

    static final int SEQUENCE_BITS = 12;
    static final int WORKER_BITS = 10;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_TIMESTAMP = (1L << 41) - 1;

    /** One generator per worker id per JVM: two engines with the same worker id must not hand out the same key. */
    private static final Map<Integer, SnowflakeKeyGenerator> PER_WORKER = new ConcurrentHashMap<>();

    private final long epochMillis = EPOCH.toEpochMilli();
    private final int workerId;
    private final LongSupplier clock;
    private long lastMillis = -1;
    private long sequence;

    SnowflakeKeyGenerator(int workerId, LongSupplier clock) {
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("worker id " + workerId + " is out of range 0.." + MAX_WORKER_ID);
        }
        this.workerId = workerId;
        this.clock = clock;
    }

    /** The JVM's generator for {@code workerId}, on the system clock. */
    public static SnowflakeKeyGenerator forWorker(int workerId) {
        return PER_WORKER.computeIfAbsent(workerId, id -> new SnowflakeKeyGenerator(id, System::currentTimeMillis));
    }

    public int workerId() {
        return workerId;
    }

    /**
     * The next key, greater than every key this generator returned before.
     *
     * @throws SQLException when the clock stepped back too far or lies outside the key's time range
     */
    public synchronized long next() throws SQLException {
        long now = clock.getAsLong();
        if (now < lastMillis) {
            long behind = lastMillis - now;
            if (behind > MAX_BACKWARD_WAIT_MILLIS) {
                throw new SQLException("cannot generate a key: the system clock moved back by " + behind
                        + " ms; worker " + workerId + " generates no keys until the clock is past its last key's "
                        + "time again, since keys could repeat", "HY000");
            }
            now = waitFor(lastMillis);
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = waitFor(lastMillis + 1);
            }
        } else {
            sequence = 0;
        }
        long timestamp = now - epochMillis;
        if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
            throw new SQLException("cannot generate a key: the clock reads " + Instant.ofEpochMilli(now)
                    + ", outside the snowflake key range from " + EPOCH + " on", "HY000");
        }
        lastMillis = now;
        return timestamp << (WORKER_BITS + SEQUENCE_BITS) | (long) workerId << SEQUENCE_BITS | sequence;
    }

    /** Waits until the clock reads at least {@code millis}; returns its reading. */
    private long waitFor(long millis) {
        long now = clock.getAsLong();
        boolean interrupted = false;
        while (now < millis) {
            try {
                Thread.sleep(Math.max(0, millis - now - 1)); // sleep most of the gap, spin on the last millisecond
            } catch (InterruptedException e) {
                interrupted = true;
            }
            Thread.onSpinWait();
            now = clock.getAsLong();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return now;
    }

    /** The worker id bits of a key (for tests and diagnostics). */
    public static int workerOf(long key) {
        return (int) (key >>> SEQUENCE_BITS) & MAX_WORKER_ID;
    }

    /** The time bits of a key. */
    public static Instant timeOf(long key) {
        return EPOCH.plusMillis(key >>> (WORKER_BITS + SEQUENCE_BITS));
    }
}
