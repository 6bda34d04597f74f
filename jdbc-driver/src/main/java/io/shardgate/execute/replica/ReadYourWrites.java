package io.shardgate.execute.replica;

import io.shardgate.execute.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session's recent writes, per data source, and what they mean for its later reads ({@code read.readYourWrites}):
 * <ul>
 *   <li>{@code none}: nothing;</li>
 *   <li>{@code primary_window}: reads go to the primary for {@code primaryWindowMs} after the last write;</li>
 *   <li>{@code wait_for_replica}: the write's log position is taken on its own connection right after it commits,
 *       and a replica read first waits, at most {@code primaryWindowMs}, until that replica has applied it, else
 *       reads the primary. Where no position can be had (a backend without one, or the query failed), this acts
 *       as {@code primary_window}.</li>
 * </ul>
 * Thread-safe: a multi-shard write reports from several executor threads.
 */
public final class ReadYourWrites {
    private static final String NONE = "none";
    private static final String PRIMARY_WINDOW = "primary_window";
    private static final String WAIT_FOR_REPLICA = "wait_for_replica";
    private static final Logger LOG = LoggerFactory.getLogger(ReadYourWrites.class);

    /** @param position where the writes end, or null when unknown */
    private record LastWrite(long at, LogPosition position) {
        LastWrite and(LastWrite later) {
            LogPosition both = position == null || later.position == null ? null : position.union(later.position);
            return new LastWrite(Math.max(at, later.at), both);
        }
    }

    private final Map<String, ReplicaSet> sets;
    private final Map<String, LastWrite> lastWrites = new ConcurrentHashMap<>();

    /** @param sets every data source's replica set, by name */
    public ReadYourWrites(Map<String, ReplicaSet> sets) {
        this.sets = sets;
    }

    /**
     * A write to {@code dataSource} committed on {@code primary} (autocommit, or the transaction's commit). Never
     * throws: failing to note it only costs a fresher read.
     */
    public void committed(String dataSource, Connection primary) {
        ReplicaSet set = sets.get(dataSource);
        if (set == null || set.replicas().isEmpty() || set.read().readYourWrites().equals(NONE)) {
            return;
        }
        LogPosition position = null;
        if (set.read().readYourWrites().equals(WAIT_FOR_REPLICA)) {
            try {
                position = ReplicationProbe.of(primary).lastWrite(primary);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{}: no log position after a write; reads use the primary window instead", dataSource, e);
            }
        }
        LastWrite write = new LastWrite(set.ticker().read(), position);
        lastWrites.merge(dataSource, write, LastWrite::and);
    }

    /** True when this session's reads of the set's data source must go to the primary now. */
    public boolean requiresPrimary(ReplicaSet set) {
        LastWrite write = lastWrites.get(set.dataSource());
        if (write == null) {
            return false;
        }
        String mode = set.read().readYourWrites();
        boolean windowApplies = mode.equals(PRIMARY_WINDOW) || mode.equals(WAIT_FOR_REPLICA) && write.position == null;
        return windowApplies && set.ticker().read() - write.at < set.read().primaryWindow().toNanos();
    }

    /**
     * Before reading on {@code replica} through {@code connection}: under {@code wait_for_replica}, waits until the
     * replica has this session's last write to the data source, unless the health checks already show it has.
     *
     * @return false when it did not catch up within {@code primaryWindowMs}: read the primary instead
     */
    public boolean awaitOn(ReplicaSet set, Endpoint replica, Connection connection) throws SQLException {
        if (settledOn(set, replica)) {
            return true;
        }
        LastWrite write = lastWrites.get(set.dataSource());
        return ReplicationProbe.of(connection).await(connection, write.position, set.read().primaryWindow());
    }

    /** True when a read of this session may use {@code replica} without first waiting for it to catch up. */
    public boolean settledOn(ReplicaSet set, Endpoint replica) {
        LastWrite write = lastWrites.get(set.dataSource());
        return write == null || write.position == null || !set.read().readYourWrites().equals(WAIT_FOR_REPLICA)
                || set.hadEverythingAt(replica, write.at);
    }
}
