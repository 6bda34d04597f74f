package io.shardgate.execute;

import io.shardgate.execute.replica.ReadYourWrites;
import io.shardgate.execute.replica.ReplicaSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A connection per unit from the pools, for one statement outside a transaction. Writes and reads that must be
 * fresh go to primaries. Other reads go to a replica the data source's policy picks among the usable ones, unless
 * the session's read-your-writes state keeps them on the primary or the replica does not catch up with the
 * session's write in time. A replica that cannot be reached is marked down and another one tried, then the
 * primary; a replica that fails a unit is marked down and the unit runs once more wherever the next acquisition
 * goes (see {@link ShardExecutor}).
 */
public final class PooledConnections implements ConnectionSource {
    /** Unreachable replicas one acquisition tries before the primary; each may cost a pool connection timeout. */
    private static final int REPLICA_ATTEMPTS = 2;
    private final DataSourceRegistry registry;
    private final ReadYourWrites readYourWrites;
    private final boolean replicaRead;
    /** Replica connections handed out, to know which server failed when a unit reports an error. */
    private final Map<Connection, Endpoint> replicaLeases = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param replicaRead the statement is a read that may use replicas */
    public PooledConnections(DataSourceRegistry registry, ReadYourWrites readYourWrites, boolean replicaRead) {
        this.registry = registry;
        this.readYourWrites = readYourWrites;
        this.replicaRead = replicaRead;
    }

    @Override
    public Connection acquire(String dataSource) throws SQLException {
        ReplicaSet set = registry.replicas(dataSource);
        if (replicaRead && !readYourWrites.requiresPrimary(set)) {
            Connection connection = fromReplica(set);
            if (connection != null) {
                return connection;
            }
        }
        return DataSourceRegistry.connect(set.primary());
    }

    /**
     * A connection to a usable replica that has this session's writes, or null to read the primary: when none is
     * usable, the chosen one has not caught up in time, or {@value #REPLICA_ATTEMPTS} could not be reached (each
     * is marked down, so the next statements skip it without waiting).
     */
    private Connection fromReplica(ReplicaSet set) throws SQLException {
        for (int attempt = 0; attempt < REPLICA_ATTEMPTS; attempt++) {
            Endpoint replica = set.choose();
            if (replica == null) {
                return null;
            }
            Connection connection = null;
            try {
                connection = DataSourceRegistry.connect(replica);
                if (readYourWrites.awaitOn(set, replica, connection)) {
                    replicaLeases.put(connection, replica);
                    return connection;
                }
                connection.close();
                return null;
            } catch (SQLException e) {
                if (connection != null) {
                    closeQuietly(connection, e);
                }
                if (!ConnectionFailures.isConnectionFailure(e)) {
                    throw e;
                }
                set.markDown(replica, e);
            }
        }
        return null;
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        replicaLeases.remove(connection);
        connection.close();
    }

    @Override
    public boolean sharesConnections() {
        return false;
    }

    @Override
    public void afterWrite(String dataSource, Connection connection) {
        readYourWrites.committed(dataSource, connection);
    }

    @Override
    public boolean failedOver(Connection connection, SQLException error) {
        Endpoint replica = replicaLeases.get(connection);
        if (replica == null || !ConnectionFailures.isConnectionFailure(error)) {
            return false;
        }
        try {
            registry.replicas(replica.dataSource()).markDown(replica, error);
        } catch (SQLException unknown) {
            throw new IllegalStateException(unknown); // the replica came from this registry
        }
        return true;
    }
}
