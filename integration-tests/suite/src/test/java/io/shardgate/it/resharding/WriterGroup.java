package io.shardgate.it.resharding;

import io.shardgate.it.resharding.ReshardTopology.Node;
import io.shardgate.it.resharding.ReshardTopology.OrderRow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Application writers through {@code jdbc:shardgate:}, one per id residue, each owning the rows it starts with, so
 * their acknowledged operations together say exactly what the tables must hold.
 */
final class WriterGroup {
    /** What the writers did between a start and a stop. */
    record Outcome(long operations, long longestMillis, List<String> failures, Map<Long, OrderRow> expected) {
    }

    private final List<OrderWriter> writers;
    private boolean started;

    private WriterGroup(List<OrderWriter> writers) {
        this.writers = writers;
    }

    /** Writers of the rows the current layout holds now. */
    static WriterGroup of(ReshardTopology topology, int count) throws SQLException {
        List<Map<Long, OrderRow>> owned = ownedRows(topology, count);
        List<OrderWriter> writers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            writers.add(new OrderWriter(i, "driver", topology.driverUrl(), owned.get(i)));
        }
        return new WriterGroup(writers);
    }

    /** The rows the current layout holds now, split by id residue into {@code count} writers' shares. */
    static List<Map<Long, OrderRow>> ownedRows(ReshardTopology topology, int count) throws SQLException {
        List<Map<Long, OrderRow>> owned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            owned.add(new HashMap<>());
        }
        for (Node node : topology.currentLayout()) {
            ReshardTopology.read(node).forEach((id, row) -> owned.get((int) (id % count)).put(id, row));
        }
        return owned;
    }

    void start() {
        writers.forEach(OrderWriter::start);
        started = true;
    }

    Outcome stop() throws InterruptedException {
        long operations = 0;
        long longest = 0;
        List<String> failures = new ArrayList<>();
        Map<Long, OrderRow> expected = new HashMap<>();
        for (OrderWriter writer : writers) {
            if (started) {
                writer.stop();
            }
            operations += writer.operations();
            longest = Math.max(longest, writer.longestMillis());
            failures.addAll(writer.failures());
            expected.putAll(writer.expected());
        }
        return new Outcome(operations, longest, failures, expected);
    }
}
