package io.shardgate.engine;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.execute.DataSourceRegistry;
import io.shardgate.execute.PooledConnections;
import io.shardgate.execute.ShardExecutor;
import io.shardgate.execute.replica.ReadYourWrites;
import io.shardgate.execute.replica.ReplicaStatus;
import io.shardgate.execute.replica.Ticker;
import io.shardgate.keygen.InsertKeys;
import io.shardgate.keygen.SnowflakeKeyGenerator;
import io.shardgate.merge.ValueComparator;
import io.shardgate.planner.QueryPlanner;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.parse.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One configuration brought to life: the planner, a pool per endpoint and the shard executor. Shared by every
 * session (JDBC connection or proxy client) using that configuration; thread-safe. Statements run through
 * {@link #session()}.
 */
public final class ShardgateEngine implements AutoCloseable {
    private final ShardgateConfig config;
    private final Dialect dialect;
    private final QueryPlanner planner;
    private final DataSourceRegistry registry;
    private final ShardExecutor executor;
    private final ValueComparator values;
    private final InsertKeys insertKeys;

    /** Starts the pools (without connecting) and checks every replica once before returning. */
    public ShardgateEngine(ShardgateConfig config) {
        this.config = config;
        this.dialect = dialectOf(config);
        this.planner = new QueryPlanner(config.rules(), dialect);
        this.insertKeys = new InsertKeys(planner, SnowflakeKeyGenerator.forWorker(config.props().workerId()));
        this.values = ValueComparator.forDialect(dialect);
        this.registry = new DataSourceRegistry(config.dataSources(), config.props().replicaCheckInterval(),
                Ticker.system());
        this.executor = new ShardExecutor(config.props().executorThreads(), config.props().maxConnectionsPerQuery());
        registry.startReplicaChecks();
    }

    /** The SQL dialect of the backends; every endpoint must speak the same one. */
    static Dialect dialectOf(ShardgateConfig config) {
        Dialect dialect = null;
        String first = null;
        for (DataSourceConfig ds : config.dataSources().values()) {
            for (EndpointConfig endpoint : endpoints(ds)) {
                Dialect d = Dialect.ofJdbcUrl(endpoint.url());
                if (dialect == null) {
                    dialect = d;
                    first = endpoint.name();
                } else if (d != dialect) {
                    throw new IllegalArgumentException("data sources mix SQL dialects: " + first + " is " + dialect
                            + " but " + endpoint.name() + " is " + d + "; one engine routes one dialect");
                }
            }
        }
        return dialect == null ? Dialect.MYSQL : dialect;
    }

    private static List<EndpointConfig> endpoints(DataSourceConfig ds) {
        List<EndpointConfig> all = new java.util.ArrayList<>(ds.replicas());
        all.add(0, ds.primary());
        return all;
    }

    /** A new session: one client's transaction state. Not thread-safe; one per connection. */
    public EngineSession session() {
        return new EngineSession(this);
    }

    /** Plans a statement without running it, translating planner errors to SQLExceptions. */
    public RoutePlan plan(String sql, List<?> values) throws SQLException {
        try {
            return planner.plan(sql, values);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    public ShardgateConfig config() {
        return config;
    }

    public Dialect dialect() {
        return dialect;
    }

    DataSourceRegistry registry() {
        return registry;
    }

    ShardExecutor executor() {
        return executor;
    }

    ValueComparator values() {
        return values;
    }

    InsertKeys insertKeys() {
        return insertKeys;
    }

    /** A pooled connection to a data source's primary, e.g. for metadata; closing it gives it back. */
    public Connection primaryConnection(String dataSource) throws SQLException {
        return DataSourceRegistry.connect(registry.primary(dataSource));
    }

    /** Connections for one statement outside a transaction of a session with these recent writes. */
    PooledConnections connectionsFor(boolean replicaRead, ReadYourWrites readYourWrites) {
        return new PooledConnections(registry, readYourWrites, replicaRead);
    }

    /** Every replica's health and lag as the engine sees them now (monitoring, tests). */
    public List<ReplicaStatus> replicaStatus() {
        return registry.replicaStatus();
    }

    /** Closes the pools and stops the executor; sessions still open fail from then on. */
    @Override
    public void close() {
        try {
            executor.close();
        } finally {
            registry.close();
        }
    }
}
