package io.shardgate.merge;

import java.sql.SQLException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Streams the union of shard results that are each sorted by the same keys, in that order: a priority queue holds
 * one current row per shard (just its sort keys; the row itself stays in the shard's cursor), so memory is bounded
 * by the number of shards times the drivers' fetch size. Ties go to the earlier shard, which keeps the output
 * deterministic.
 */
final class OrderedMergeCursor implements RowCursor {

    /** A shard cursor positioned on its current row, with that row's sort keys. */
    private static final class Head {
        final RowCursor cursor;
        final int shard;
        Object[] keys;

        Head(RowCursor cursor, int shard) {
            this.cursor = cursor;
            this.shard = shard;
        }
    }

    private final List<RowCursor> inputs;
    private final SortOrder order;
    private final PriorityQueue<Head> queue;
    private Head current;
    private boolean started;

    OrderedMergeCursor(List<RowCursor> inputs, SortOrder order) {
        this.inputs = inputs;
        this.order = order;
        this.queue = new PriorityQueue<>(inputs.size(), (a, b) -> {
            int c = order.compareKeys(a.keys, b.keys);
            return c != 0 ? c : Integer.compare(a.shard, b.shard);
        });
    }

    @Override
    public int columnCount() {
        return inputs.get(0).columnCount();
    }

    @Override
    public boolean next() throws SQLException {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.size(); i++) {
                advance(new Head(inputs.get(i), i));
            }
        } else if (current != null) {
            advance(current); // the row handed out last is consumed only now, so value() could read it
        }
        current = queue.poll();
        return current != null;
    }

    private void advance(Head head) throws SQLException {
        if (head.cursor.next()) {
            int[] columns = order.columns();
            head.keys = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                head.keys[i] = head.cursor.value(columns[i]);
            }
            queue.add(head);
        }
    }

    @Override
    public Object value(int column) throws SQLException {
        if (current == null) {
            throw new SQLException("no current row", "24000");
        }
        return current.cursor.value(column);
    }

    @Override
    public void close() throws SQLException {
        current = null;
        queue.clear();
        RowCursor.closeAll(inputs);
    }
}
