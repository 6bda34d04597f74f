package io.shardgate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Application threads writing {@code orders} through {@code jdbc:shardgate:} while switches happen: each updates
 * rows of its own residue of {@code id} and inserts new rows in its own id range, 5 ms apart, and keeps the longest
 * single write since the last {@link #takeLongestMillis()}. A failed write is recorded, not retried.
 */
final class SwitchWriters implements AutoCloseable {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final String url;
    private final int rows;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;

    /** @param rows the table holds ids 1..rows, user_id = id * 7 */
    SwitchWriters(String url, int rows, int count) {
        this.url = url;
        this.rows = rows;
        for (int i = 0; i < count; i++) {
            int index = i;
            threads.add(new Thread(() -> write(index, count), "switch-writer-" + i));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** The longest write since the previous call, in ms; starts the next window. */
    long takeLongestMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestNanos.getAndSet(0));
    }

    long writes() {
        return writes.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private void write(int index, int count) {
        Random random = new Random(index);
        long nextId = 1_000_000_000L + index * 100_000_000L;
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE orders SET amount = amount + 1 WHERE user_id = ? AND id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO orders (id, user_id, amount, note, created_at) VALUES (?, ?, 1, 'w', NOW(3))")) {
            while (!stop) {
                long began = System.nanoTime();
                try {
                    if (random.nextInt(3) == 0) {
                        long id = nextId++;
                        insert.setLong(1, id);
                        insert.setLong(2, id * 7);
                        insert.executeUpdate();
                    } else {
                        long id = 1 + index + (long) random.nextInt(Math.max(1, rows / count)) * count;
                        update.setLong(1, id * 7);
                        update.setLong(2, id);
                        update.executeUpdate();
                    }
                    writes.incrementAndGet();
                } catch (SQLException e) {
                    failures.add(e.getMessage());
                }
                long took = System.nanoTime() - began;
                longestNanos.accumulateAndGet(took, Math::max);
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        } catch (SQLException e) {
            failures.add("connection: " + e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
