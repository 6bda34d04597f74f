package io.shardgate.it.resharding;

import io.shardgate.it.resharding.ReshardTopology.OrderRow;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An application thread writing through a router ({@code jdbc:shardgate:} or a MySQL client connected to the
 * proxy): inserts, updates and deletes of its own orders (ids it owns, so no two writers race on a row), one
 * statement at a time or a few in a transaction. It logs the effect of every acknowledged operation in
 * {@link #expected()}: the state the data must be in afterwards. A statement that fails, or an update or delete
 * that finds no row, is recorded as a failure. Writers pause 2 ms between operations: a steady load a stream on a
 * small, shared CI machine keeps up with.
 */
final class OrderWriter {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private final int index;
    private final String path;
    private final String url;
    private final Map<Long, OrderRow> rows;
    private final List<Long> ids;
    private final Random random;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private long nextId;
    private volatile boolean stop;
    private Thread thread;
    private long operations;
    private long longestNanos;
    private LocalTime longestAt;

    /**
     * @param path  which router the writes go through, for reports ({@code driver}, {@code proxy})
     * @param url   the JDBC URL it connects to
     * @param owned this writer's rows as they are before it starts
     */
    OrderWriter(int index, String path, String url, Map<Long, OrderRow> owned) {
        this.index = index;
        this.path = path;
        this.url = url;
        this.rows = new HashMap<>(owned);
        this.ids = new ArrayList<>(owned.keySet());
        this.random = new Random(1000 + index);
        this.nextId = 1_000_000_000L + index * 100_000_000L;
    }

    void start() {
        stop = false;
        operations = 0;
        longestNanos = 0;
        longestAt = null;
        thread = new Thread(this::run, "order-writer-" + index);
        thread.start();
    }

    void stop() throws InterruptedException {
        stop = true;
        thread.join(TimeUnit.SECONDS.toMillis(60));
    }

    String path() {
        return path;
    }

    /** Operations acknowledged since the last {@link #start()}. */
    long operations() {
        return operations;
    }

    /** The longest a single operation (statement or transaction) took since the last {@link #start()}. */
    long longestMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestNanos);
    }

    /** When that operation began. */
    LocalTime longestAt() {
        return longestAt;
    }

    /** What failed, each naming this writer and its path. */
    List<String> failures() {
        synchronized (failures) {
            return failures.stream().map(f -> "writer " + index + " (" + path + "): " + f).toList();
        }
    }

    /** The rows this writer owns, as its acknowledged operations left them. */
    Map<Long, OrderRow> expected() {
        return Map.copyOf(rows);
    }

    private void run() {
        try (Connection connection = DriverManager.getConnection(url)) {
            while (!stop) {
                long began = System.nanoTime();
                LocalTime beganAt = LocalTime.now();
                if (random.nextInt(5) == 0) {
                    transaction(connection, 2 + random.nextInt(2));
                } else {
                    Change change = nextChange();
                    try {
                        apply(connection, change);
                        acknowledge(change);
                    } catch (SQLException e) {
                        failures.add(change + ": " + e.getMessage());
                    }
                }
                if (System.nanoTime() - began > longestNanos) {
                    longestNanos = System.nanoTime() - began;
                    longestAt = beganAt;
                }
                operations++;
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        } catch (SQLException e) {
            failures.add("connection: " + e.getMessage());
        }
    }

    private void transaction(Connection connection, int size) {
        List<Change> changes = new ArrayList<>();
        Map<Long, OrderRow> staged = new HashMap<>();
        try {
            connection.setAutoCommit(false);
            for (int i = 0; i < size; i++) {
                Change change = nextChange();
                if (staged.containsKey(change.id())) {
                    continue; // one change per row keeps the staged state simple
                }
                apply(connection, change);
                changes.add(change);
                staged.put(change.id(), change.after());
            }
            connection.commit();
            changes.forEach(this::acknowledge);
        } catch (SQLException e) {
            failures.add("transaction " + changes + ": " + e.getMessage());
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                failures.add("rollback: " + suppressed.getMessage());
            }
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                failures.add("autocommit: " + e.getMessage());
            }
        }
    }

    /** An insert ({@code before} null), update, or delete ({@code after} null) of one owned row. */
    private record Change(long id, OrderRow before, OrderRow after) {
    }

    private Change nextChange() {
        int choice = random.nextInt(100);
        if (choice < 35 || ids.isEmpty()) {
            long id = nextId++;
            long user = ReshardTopology.userId(random.nextInt(ReshardTopology.USERS));
            return new Change(id, null, new OrderRow(id, user, amount(), "w" + index + " insert " + id));
        }
        OrderRow row = rows.get(ids.get(random.nextInt(ids.size())));
        if (choice < 80) {
            return new Change(row.id(), row, new OrderRow(row.id(), row.userId(), amount(), "w" + index
                    + " update " + operations));
        }
        return new Change(row.id(), row, null);
    }

    private BigDecimal amount() {
        return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
    }

    private static void apply(Connection connection, Change change) throws SQLException {
        if (change.before() == null) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id, user_id, amount, "
                    + "note, created_at) VALUES (?, ?, ?, ?, NOW(3))")) {
                insert.setLong(1, change.id());
                insert.setLong(2, change.after().userId());
                insert.setBigDecimal(3, change.after().amount());
                insert.setString(4, change.after().note());
                insert.executeUpdate();
            }
            return;
        }
        String sql = change.after() == null ? "DELETE FROM orders WHERE user_id = ? AND id = ?"
                : "UPDATE orders SET amount = ?, note = ? WHERE user_id = ? AND id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int at = 1;
            if (change.after() != null) {
                statement.setBigDecimal(at++, change.after().amount());
                statement.setString(at++, change.after().note());
            }
            statement.setLong(at++, change.before().userId());
            statement.setLong(at, change.id());
            int count = statement.executeUpdate();
            if (count != 1) {
                throw new SQLException((change.after() == null ? "delete" : "update") + " of order " + change.id()
                        + " changed " + count + " rows");
            }
        }
    }

    private void acknowledge(Change change) {
        if (change.after() == null) {
            rows.remove(change.id());
            ids.remove(change.id());
        } else {
            if (rows.put(change.id(), change.after()) == null) {
                ids.add(change.id());
            }
        }
    }
}
