package io.shardgate.engine;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.engine.rules.LayoutSwitcher;
import io.shardgate.engine.rules.PreparedLayout;
import io.shardgate.engine.rules.RulesWatcher;
import io.shardgate.engine.rules.ServedRules;
import io.shardgate.engine.rules.WriteGate;
import io.shardgate.execute.DataSourceRegistry;
import io.shardgate.execute.PooledConnections;
import io.shardgate.execute.ShardExecutor;
import io.shardgate.execute.replica.ReadYourWrites;
import io.shardgate.execute.replica.ReplicaStatus;
import io.shardgate.execute.replica.Ticker;
import io.shardgate.keygen.InsertKeys;
import io.shardgate.keygen.SnowflakeKeyGenerator;
import io.shardgate.merge.ValueComparator;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.parse.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One configuration brought to life: the planner, a pool per endpoint and the shard executor. Shared by every
 * session (JDBC connection or proxy client) using that configuration; thread-safe. Statements run through
 * {@link #session()}.
 *
 * <p>With {@code props.metadataStore} set, the engine is a router of docs/resharding.md: it serves the published
 * rules version, and a cutover swaps its whole {@link EngineLayout} while its {@link WriteGate} holds the writes to
 * the tables being moved.
 */
public final class ShardgateEngine implements AutoCloseable {
    private static final long WARM_UP_SECONDS = 2;
    private final Dialect dialect;
    private final SnowflakeKeyGenerator keys;
    private volatile EngineLayout layout;
    private final DataSourceRegistry registry;
    private final ShardExecutor executor;
    private final ValueComparator values;
    /** Null without a metadata store. */
    private final WriteGate writeGate;
    private final RulesWatcher rulesWatcher;

    /** Starts the pools (without connecting) and checks every replica once before returning. */
    public ShardgateEngine(ShardgateConfig config) {
        this(config, "engine");
    }

    /**
     * As {@link #ShardgateEngine(ShardgateConfig)}; with a metadata store the engine also registers as a router of
     * the given kind ({@code driver}, {@code proxy}) and applies the store's current state before returning.
     *
     * @throws IllegalStateException when the metadata store cannot be read
     */
    public ShardgateEngine(ShardgateConfig config, String routerKind) {
        ServedRules served = ServedRules.load(config);
        this.dialect = dialectOf(served.config());
        this.keys = SnowflakeKeyGenerator.forWorker(config.props().workerId());
        this.layout = EngineLayout.of(served.version(), served.config(), dialect, keys);
        this.values = ValueComparator.forDialect(dialect);
        this.registry = new DataSourceRegistry(served.config().dataSources(), config.props().replicaCheckInterval(),
                Ticker.system());
        this.executor = new ShardExecutor(config.props().executorThreads(), config.props().maxConnectionsPerQuery());
        registry.startReplicaChecks();
        this.writeGate = config.props().metadataStore() == null ? null : new WriteGate(dialect);
        this.rulesWatcher = writeGate == null ? null : joinRouterProtocol(config, routerKind);
    }

    private RulesWatcher joinRouterProtocol(ShardgateConfig config, String routerKind) {
        try {
            return RulesWatcher.start(config.props().metadataStore(), new Layouts(), writeGate, routerKind);
        } catch (SQLException | RuntimeException e) {
            executor.close();
            registry.close();
            throw new IllegalStateException("cannot join the router protocol of the metadata store "
                    + config.props().metadataStore().url() + ": " + e.getMessage(), e);
        }
    }

    /** Loads and serves rules versions for the router protocol. */
    private final class Layouts implements LayoutSwitcher {
        @Override
        public long version() {
            return layout.version();
        }

        @Override
        public PreparedLayout prepare(long version, String yaml) {
            ShardgateConfig served = ServedRules.of(layout.config(), version, yaml);
            Dialect other = dialectOf(served);
            if (other != dialect) {
                throw new IllegalArgumentException("rules v" + version + " use " + other + " servers; this engine "
                        + "routes " + dialect);
            }
            for (String added : registry.addMissing(served.dataSources())) {
                warm(added, version);
            }
            return EngineLayout.of(version, served, dialect, keys);
        }

        @Override
        public void install(PreparedLayout prepared) {
            layout = (EngineLayout) prepared;
        }

        /**
         * Connects to a new data source now, while writes still flow, so the first released write does not wait for
         * a handshake; bounded, so an unreachable server fails the switch instead of stalling the watcher.
         */
        private void warm(String dataSource, long version) {
            CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
                try (Connection connection = primaryConnection(dataSource)) {
                    connection.isValid(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            try {
                connected.get(WARM_UP_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("data source " + dataSource + " of rules v" + version
                        + " did not accept a connection within " + WARM_UP_SECONDS + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException("data source " + dataSource + " of rules v" + version + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting to data source " + dataSource, e);
            }
        }
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
            return layout.planner().plan(sql, values);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** The configuration served now: the current rules version's data sources and rules, this engine's props. */
    public ShardgateConfig config() {
        return layout.config();
    }

    /** The rules version served now: the one published in the metadata store, or 0 for the local file. */
    public long rulesVersion() {
        return layout.version();
    }

    /** The gate of the router protocol, or null without a metadata store. */
    WriteGate writeGate() {
        return writeGate;
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
        return layout.insertKeys();
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

    /** Leaves the router protocol, closes the pools and stops the executor; sessions still open fail from then on. */
    @Override
    public void close() {
        if (rulesWatcher != null) {
            rulesWatcher.close();
        }
        try {
            executor.close();
        } finally {
            registry.close();
        }
    }
}
