package io.shardgate.engine;

import io.shardgate.execute.ColumnInfo;
import io.shardgate.execute.ConnectionSource;
import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.ShardExecutor;
import io.shardgate.execute.StatementOptions;
import io.shardgate.merge.ListCursor;
import io.shardgate.merge.ResultMerger;
import io.shardgate.merge.RowCursor;
import io.shardgate.route.ExecutionUnit;
import io.shardgate.route.Opcode;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.StatementKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's view of the engine: runs statements and keeps the transaction state. The JDBC connection and each
 * proxy client own one. Not thread-safe.
 *
 * <p>Autocommit is on by default. A transaction ({@code setAutoCommit(false)}, or {@code BEGIN} / {@code START
 * TRANSACTION}) holds one primary connection per data source it touches until {@code COMMIT} / {@code ROLLBACK};
 * all its statements, reads included, run on those. Outside a transaction each statement takes connections from
 * the pools, plain reads from replicas where there are any.
 */
public final class EngineSession implements AutoCloseable {
    private final ShardgateEngine engine;
    private boolean autoCommit = true;
    /** A BEGIN while autocommit is on: the transaction lasts until COMMIT or ROLLBACK. */
    private boolean explicitTransaction;
    private TransactionConnections transaction;
    private boolean closed;

    EngineSession(ShardgateEngine engine) {
        this.engine = engine;
    }

    public StatementResult execute(String sql) throws SQLException {
        return execute(sql, List.of(), StatementOptions.DEFAULTS);
    }

    public StatementResult execute(String sql, List<ParameterValue> params) throws SQLException {
        return execute(sql, params, StatementOptions.DEFAULTS);
    }

    /**
     * Plans and runs one statement. A {@link QueryResult} must be closed by the caller; until then it may hold
     * shard connections.
     *
     * @param params the statement's parameters by 0-based marker index
     */
    public StatementResult execute(String sql, List<ParameterValue> params, StatementOptions options)
            throws SQLException {
        checkOpen();
        List<Object> values = new ArrayList<>(params.size());
        for (ParameterValue p : params) {
            values.add(p == null ? null : p.value());
        }
        RoutePlan plan = engine.plan(sql, values);
        if (plan.kind() == StatementKind.PREVIEW) {
            return preview(plan);
        }
        if (plan.opcode() == Opcode.SESSION) {
            return SessionStatements.run(this, plan.kind(), sql);
        }
        if (plan.units().isEmpty()) {
            return new UpdateCount(0);
        }
        ConnectionSource connections = connections(plan);
        StatementOptions effective = withEngineTimeout(options);
        if (plan.isQuery()) {
            ShardExecutor.ShardResults results = engine.executor().query(plan.units(), params, connections, effective);
            RowCursor rows = ResultMerger.merge(results.cursors(), plan.merge(), engine.values());
            return new QueryResult(results.columns(), rows);
        }
        long[] counts = engine.executor().update(plan.units(), params, connections, effective);
        return new UpdateCount(updateCount(plan, counts));
    }

    /** DDL reports 0; a broadcast write reports one copy's count; other writes the sum over shards. */
    private static long updateCount(RoutePlan plan, long[] counts) {
        if (plan.kind().isTableDdl() || plan.kind() == StatementKind.OTHER_DDL) {
            return 0;
        }
        if (plan.opcode() == Opcode.BROADCAST) {
            return counts[0];
        }
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    private ConnectionSource connections(RoutePlan plan) {
        if (inTransaction()) {
            if (transaction == null) {
                transaction = new TransactionConnections(engine.registry());
            }
            return transaction;
        }
        return engine.connectionsFor(plan.isQuery() && !plan.write() && !plan.forcePrimary());
    }

    private StatementOptions withEngineTimeout(StatementOptions options) {
        long engineTimeoutMillis = engine.config().props().queryTimeout().toMillis();
        if (options.queryTimeoutSeconds() > 0 || engineTimeoutMillis <= 0) {
            return options;
        }
        int seconds = (int) Math.min(Integer.MAX_VALUE, (engineTimeoutMillis + 999) / 1000);
        return new StatementOptions(options.fetchSize(), seconds);
    }

    /** The plan of the statement after PREVIEW, as rows (data_source, sql), executing nothing. */
    private static QueryResult preview(RoutePlan plan) {
        List<Object[]> rows = new ArrayList<>();
        for (ExecutionUnit unit : plan.units()) {
            rows.add(new Object[]{unit.dataSource(), unit.sql()});
        }
        return new QueryResult(List.of(ColumnInfo.varchar("data_source"), ColumnInfo.varchar("sql")),
                new ListCursor(2, rows));
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    /** As JDBC: switching autocommit on commits a running transaction. */
    public void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on && !autoCommit) {
            commit();
        }
        autoCommit = on;
    }

    /** True while statements run in a transaction (autocommit off, or after BEGIN). */
    public boolean inTransaction() {
        return !autoCommit || explicitTransaction;
    }

    /** Starts a transaction now, as SQL {@code BEGIN} does: a running one is committed first, like MySQL. */
    public void begin() throws SQLException {
        checkOpen();
        commit();
        explicitTransaction = autoCommit;
    }

    public void commit() throws SQLException {
        checkOpen();
        TransactionConnections ending = transaction;
        transaction = null;
        explicitTransaction = false;
        if (ending != null) {
            ending.commit();
        }
    }

    public void rollback() throws SQLException {
        checkOpen();
        TransactionConnections ending = transaction;
        transaction = null;
        explicitTransaction = false;
        if (ending != null) {
            ending.rollback();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Rolls back a running transaction and ends the session. Idempotent. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        try {
            rollback();
        } finally {
            closed = true;
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the session is closed", "08003");
        }
    }
}
