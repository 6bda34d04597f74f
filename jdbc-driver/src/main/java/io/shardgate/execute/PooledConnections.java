package io.shardgate.execute;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection per unit from the pools, outside transactions: reads that may use replicas go where the replica
 * selector says, everything else to primaries.
 */
public final class PooledConnections implements ConnectionSource {
    private final DataSourceRegistry registry;
    private final boolean replicaRead;

    public PooledConnections(DataSourceRegistry registry, boolean replicaRead) {
        this.registry = registry;
        this.replicaRead = replicaRead;
    }

    @Override
    public Connection acquire(String dataSource) throws SQLException {
        return DataSourceRegistry.connect(replicaRead ? registry.forRead(dataSource) : registry.primary(dataSource));
    }

    @Override
    public void release(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean sharesConnections() {
        return false;
    }
}
