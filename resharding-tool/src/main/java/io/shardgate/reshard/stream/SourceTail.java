package io.shardgate.reshard.stream;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.shardgate.config.EndpointConfig;
import io.shardgate.reshard.ReshardException;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Follows one source data source's binlog from a GTID position, as a replica would, and queues each committed
 * transaction with the keys of the watched rows it touched. Runs on the binlog client's own thread; a full queue
 * blocks it, which slows the reader instead of growing memory.
 */
final class SourceTail implements BinaryLogClient.EventListener, BinaryLogClient.LifecycleListener {
    /** The client logs every (re)connect at INFO on stderr; the tool reports the stream's start itself. */
    private static final Logger CLIENT_LOG = Logger.getLogger("com.github.shyiko.mysql.binlog");

    static {
        CLIENT_LOG.setLevel(Level.WARNING);
    }

    /** Trigger DDL (the cutover's write fences) leaves the table's rows and columns as they are. */
    private static final Pattern TRIGGER_DDL = Pattern.compile(
            "(?is)\\s*(CREATE\\s+(OR\\s+REPLACE\\s+)?(DEFINER\\s*=\\s*\\S+\\s+)?TRIGGER|DROP\\s+TRIGGER)\\b.*");

    /** Placed in the queue when the tail cannot go on; the applier stops with its message. */
    record Failure(String message) {
    }

    private final String dataSource;
    private final String database;
    private final Map<String, WatchedTable> watched;
    private final BlockingQueue<Object> queue;
    private final BinaryLogClient client;
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();

    private MariadbGtidEventData gtid;
    private long timestampMillis;
    private List<Touch> touches = new ArrayList<>();

    /**
     * @param watched source tables by physical name, all in {@code database}
     */
    SourceTail(String dataSource, EndpointConfig endpoint, String database, Map<String, WatchedTable> watched,
               GtidPosition from, BlockingQueue<Object> queue) {
        this.dataSource = dataSource;
        this.database = database;
        this.watched = Map.copyOf(watched);
        this.queue = queue;
        BinlogAddress address = BinlogAddress.of(endpoint);
        this.client = new BinaryLogClient(address.host(), address.port(),
                endpoint.user() == null ? "" : endpoint.user(), endpoint.password() == null ? "" : endpoint.password());
        // a replica id nobody else uses: the server drops an older connection with the same id
        client.setServerId(ThreadLocalRandom.current().nextLong(100_000_000L, 4_000_000_000L));
        client.setGtidSet(from.toString());
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);
        client.registerEventListener(this);
        client.registerLifecycleListener(this);
    }

    void connect(long timeoutMillis) {
        try {
            client.connect(timeoutMillis);
        } catch (IOException | TimeoutException e) {
            throw ReshardException.failed("cannot read the binlog of data source " + dataSource + ": " + e, e);
        }
    }

    void disconnect() {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // the stream is stopping; positions are already saved
        }
    }

    @Override
    public void onEvent(Event event) {
        EventType type = event.getHeader().getEventType();
        switch (type) {
            case MARIADB_GTID -> {
                gtid = event.getData();
                timestampMillis = event.getHeader().getTimestamp();
                touches = new ArrayList<>();
            }
            case TABLE_MAP -> {
                TableMapEventData map = event.getData();
                tableMaps.put(map.getTableId(), map);
            }
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData data = event.getData();
                data.getRows().forEach(row -> touch(data.getTableId(), data.getIncludedColumns(), row, false));
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData data = event.getData();
                data.getRows().forEach(row -> {
                    boolean relocates = shardKeyMayChange(data.getTableId(), data.getIncludedColumnsBeforeUpdate(),
                            row.getKey(), data.getIncludedColumns(), row.getValue());
                    touch(data.getTableId(), data.getIncludedColumnsBeforeUpdate(), row.getKey(), relocates);
                    touch(data.getTableId(), data.getIncludedColumns(), row.getValue(), relocates);
                });
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData data = event.getData();
                data.getRows().forEach(row -> touch(data.getTableId(), data.getIncludedColumns(), row, true));
            }
            case XID -> commit();
            case QUERY -> query(event.getData());
            default -> {
            }
        }
    }

    private void query(QueryEventData data) {
        String sql = data.getSql().trim();
        if (sql.equalsIgnoreCase("COMMIT")) {
            commit();
            return;
        }
        if (gtid != null && (gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0) {
            // DDL and other statements that are a transaction of their own
            if (!TRIGGER_DDL.matcher(sql).matches() && (database.equalsIgnoreCase(data.getDatabase())
                    || sql.toLowerCase(Locale.ROOT).contains(database.toLowerCase(Locale.ROOT)))) {
                for (String table : watched.keySet()) {
                    if (Pattern.compile("(?i)\\b" + Pattern.quote(table) + "\\b").matcher(sql).find()) {
                        put(new Failure("DDL on moving table " + dataSource + "." + table + " (" + sql + "); "
                                + "the copy no longer matches the source: cancel the workflow and plan again"));
                        return;
                    }
                }
            }
            commit();
        }
    }

    /**
     * False only when both row images carry the shard-key columns with equal values. A minimal after image leaves
     * out unchanged columns, so a shard-key column missing from it did not change.
     */
    private boolean shardKeyMayChange(long tableId, BitSet beforeIncluded, Serializable[] before,
                                      BitSet afterIncluded, Serializable[] after) {
        TableMapEventData map = tableMaps.get(tableId);
        WatchedTable table = map == null ? null : watched.get(map.getTable());
        if (table == null) {
            return true;
        }
        for (int column : table.shardIndexes()) {
            if (column < 0) {
                return true;
            }
            if (!afterIncluded.get(column)) {
                continue;
            }
            if (!beforeIncluded.get(column) || !Objects.deepEquals(before[beforeIncluded.get(0, column).cardinality()],
                    after[afterIncluded.get(0, column).cardinality()])) {
                return true;
            }
        }
        return false;
    }

    private void touch(long tableId, BitSet included, Serializable[] row, boolean relocates) {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null || !database.equals(map.getDatabase())) {
            return;
        }
        WatchedTable table = watched.get(map.getTable());
        if (table == null) {
            return;
        }
        if (map.getColumnTypes().length != table.shape().columns().size()) {
            put(new Failure("table " + table.node() + " has " + map.getColumnTypes().length + " columns in the binlog "
                    + "but " + table.shape().columns().size() + " when the stream started: it was altered"));
            return;
        }
        Object[] key = new Object[table.keyIndexes().length];
        int present = 0;
        for (int i = 0; i < key.length; i++) {
            int column = table.keyIndexes()[i];
            if (!included.get(column)) {
                return; // a minimal image without the key; the other image of the row carries it
            }
            // rows arrive with only the included columns, in column order
            int at = included.get(0, column).cardinality();
            key[i] = BinlogKeyValues.decode(table.keyColumns().get(i), row[at]);
            present++;
        }
        if (present == key.length) {
            touches.add(new Touch(table.table(), table.node(), key, relocates));
        }
    }

    private void commit() {
        if (gtid == null) {
            return;
        }
        put(new SourceTransaction(dataSource, gtid.getDomainId(), gtid.getServerId(), gtid.getSequence(),
                timestampMillis, touches));
        gtid = null;
        touches = new ArrayList<>();
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onConnect(BinaryLogClient client) {
    }

    @Override
    public void onCommunicationFailure(BinaryLogClient client, Exception ex) {
        put(new Failure("binlog of data source " + dataSource + ": " + ex.getMessage()));
    }

    @Override
    public void onEventDeserializationFailure(BinaryLogClient client, Exception ex) {
        put(new Failure("cannot decode a binlog event of data source " + dataSource + ": " + ex.getMessage()));
    }

    @Override
    public void onDisconnect(BinaryLogClient client) {
    }
}
