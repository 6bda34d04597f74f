package io.shardgate.engine;

import io.shardgate.engine.rules.WriteGate;
import io.shardgate.execute.ColumnInfo;
import io.shardgate.execute.ConnectionSource;
import io.shardgate.execute.Endpoint;
import io.shardgate.execute.GeneratedKeys;
import io.shardgate.execute.KeyReturningWrite;
import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.ShardExecutor;
import io.shardgate.execute.StatementOptions;
import io.shardgate.execute.replica.ReadYourWrites;
import io.shardgate.execute.replica.ReplicaSet;
import io.shardgate.keygen.InsertKeys.KeyedInsert;
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
import java.util.Optional;

/**
 * One client's view of the engine: runs statements and keeps the transaction state. The JDBC connection and each
 * proxy client own one. Not thread-safe.
 *
 * <p>Autocommit is on by default. A transaction ({@code setAutoCommit(false)}, or {@code BEGIN} / {@code START
 * TRANSACTION}) holds one primary connection per data source it touches until {@code COMMIT} / {@code ROLLBACK};
 * all its statements, reads included, run on those. Outside a transaction each statement takes connections from
 * the pools, plain reads from replicas where there are any.
 *
 * <p>An INSERT that omits its table's key-generator column gets the column and generated keys here, before it is
 * planned, so it routes on them ({@link io.shardgate.keygen.InsertKeys}).
 */
public final class EngineSession implements AutoCloseable {
    private final ShardgateEngine engine;
    private boolean autoCommit = true;
    /** A BEGIN while autocommit is on: the transaction lasts until COMMIT or ROLLBACK. */
    private boolean explicitTransaction;
    private TransactionConnections transaction;
    private boolean closed;
    /** This session's recent writes, which may keep its reads on the primary or make them wait for a replica. */
    private final ReadYourWrites readYourWrites;
    private boolean forcePrimary;
    /** This session's writes in flight, for the router protocol; null without a metadata store. */
    private final WriteGate.Claim writeClaim;

    EngineSession(ShardgateEngine engine) {
        this.engine = engine;
        this.readYourWrites = engine.registry().newReadYourWrites();
        this.writeClaim = engine.writeGate() == null ? null : engine.writeGate().newClaim();
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
        KeyedInsert keyed = addKeys(sql, params);
        if (keyed != null) {
            sql = keyed.sql();
            params = keyed.params();
        }
        long plannedVersion = engine.rulesVersion();
        RoutePlan plan = plan(sql, params);
        if (plan.kind() == StatementKind.PREVIEW) {
            return preview(plan);
        }
        if (plan.opcode() == Opcode.SESSION) {
            return SessionStatements.run(this, plan.kind(), sql);
        }
        if (plan.units().isEmpty()) {
            return new UpdateCount(0);
        }
        if (writeClaim == null || !plan.write()) {
            return run(plan, params, options, keyed);
        }
        writeClaim.admit(List.of(sql));
        try {
            // held by a switch, the write runs on whatever rules the switch left in place
            return run(engine.rulesVersion() == plannedVersion ? plan : plan(sql, params), params, options, keyed);
        } finally {
            endWrite();
        }
    }

    private StatementResult run(RoutePlan plan, List<ParameterValue> params, StatementOptions options,
                                KeyedInsert keyed) throws SQLException {
        ConnectionSource connections = connections(plan);
        StatementOptions effective = withEngineTimeout(options);
        if (plan.isQuery()) {
            ShardExecutor.ShardResults results = engine.executor().query(plan.units(), params, connections, effective);
            RowCursor rows = ResultMerger.merge(results.cursors(), plan.merge(), engine.values());
            return new QueryResult(results.columns(), rows);
        }
        if (keyed == null && options.generatedKeys().requested() && plan.kind().isDml()) {
            return writeReturningKeys(plan, params, connections, effective);
        }
        long[] counts = engine.executor().update(plan.units(), params, connections, effective);
        return new UpdateCount(updateCount(plan, counts), keysOf(keyed));
    }

    /**
     * The server that answers this statement alone and the statement as written for it, when the statement is a
     * read that needs nothing of the engine beyond routing: a SELECT on one shard whose result needs no merging, run
     * outside a transaction, with no wait for a replica to catch up with this session's writes and no engine query
     * timeout to enforce. Replica choice follows the same policy, health and read-your-writes rules as
     * {@link #execute}. Empty for every other statement, and for one that does not plan (execute reports why).
     */
    public Optional<DirectRead> directRead(String sql, List<ParameterValue> params) throws SQLException {
        checkOpen();
        if (inTransaction() || engine.config().props().queryTimeout().toMillis() > 0) {
            return Optional.empty();
        }
        RoutePlan plan;
        try {
            plan = plan(sql, params);
        } catch (SQLException e) {
            return Optional.empty();
        }
        if (plan.opcode() != Opcode.SINGLE_SHARD || !plan.isQuery() || plan.write() || plan.units().size() != 1
                || !plan.merge().isConcat()) {
            return Optional.empty();
        }
        ExecutionUnit unit = plan.units().get(0);
        ReplicaSet set = engine.registry().replicas(unit.dataSource());
        if (!plan.forcePrimary() && !forcePrimary && !readYourWrites.requiresPrimary(set)) {
            Endpoint replica = set.choose();
            if (replica != null) {
                return readYourWrites.settledOn(set, replica)
                        ? Optional.of(new DirectRead(unit.dataSource(), replica.config(), true, unit))
                        : Optional.empty();
            }
        }
        return Optional.of(new DirectRead(unit.dataSource(), set.primary().config(), false, unit));
    }

    /** The statement with Shardgate-generated keys added when it omits a key-generator column, else null. */
    KeyedInsert addKeys(String sql, List<ParameterValue> params) throws SQLException {
        try {
            return engine.insertKeys().addKeys(sql, params);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    static GeneratedKeys keysOf(KeyedInsert keyed) {
        return keyed == null ? GeneratedKeys.NONE : GeneratedKeys.ofColumn(keyed.column(), keyed.keys());
    }

    RoutePlan plan(String sql, List<ParameterValue> params) throws SQLException {
        List<Object> values = new ArrayList<>(params.size());
        for (ParameterValue p : params) {
            values.add(p == null ? null : p.value());
        }
        return engine.plan(sql, values);
    }

    /** A write whose caller asked for database-generated keys: its one shard's keys are passed through. */
    private UpdateCount writeReturningKeys(RoutePlan plan, List<ParameterValue> params, ConnectionSource connections,
                                           StatementOptions options) throws SQLException {
        if (plan.units().size() == 1) {
            KeyReturningWrite.Result result = KeyReturningWrite.run(engine.executor(), plan.units().get(0), params,
                    connections, options);
            return new UpdateCount(updateCount(plan, new long[]{result.count()}), result.keys());
        }
        if (plan.kind() == StatementKind.INSERT || plan.kind() == StatementKind.REPLACE) {
            throw SqlErrors.unsupported("database-generated keys of an INSERT that runs on " + plan.units().size()
                    + " shards: each shard's AUTO_INCREMENT counts on its own, so the keys would be neither unique "
                    + "nor in row order; configure a keyGenerator for the table, or insert rows one shard at a time");
        }
        return new UpdateCount(updateCount(plan, engine.executor().update(plan.units(), params, connections,
                options)));
    }

    /**
     * Runs a batch (see {@link SessionBatch}); returns each entry's count and generated keys, in entry order.
     *
     * @param sameStatement the entries are one prepared statement's executions
     * @throws java.sql.BatchUpdateException when an entry fails, with a count or EXECUTE_FAILED for every entry
     */
    public List<UpdateCount> executeBatch(List<BatchEntry> entries, boolean sameStatement, StatementOptions options)
            throws SQLException {
        checkOpen();
        if (writeClaim == null) {
            return new SessionBatch(this, engine).run(entries, sameStatement, withEngineTimeout(options));
        }
        writeClaim.admit(entries.stream().map(BatchEntry::sql).toList());
        try {
            return new SessionBatch(this, engine).run(entries, sameStatement, withEngineTimeout(options));
        } finally {
            endWrite();
        }
    }

    /** Outside a transaction a write ends with its statement; inside, with the transaction. */
    private void endWrite() {
        if (!inTransaction()) {
            writeClaim.finish();
        }
    }

    /** DDL reports 0; a broadcast write reports one copy's count; other writes the sum over shards. */
    static long updateCount(RoutePlan plan, long[] counts) {
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

    ConnectionSource connections(RoutePlan plan) {
        if (inTransaction()) {
            return transaction();
        }
        return engine.connectionsFor(plan.isQuery() && !plan.write() && !plan.forcePrimary() && !forcePrimary,
                readYourWrites);
    }

    private TransactionConnections transaction() {
        if (transaction == null) {
            transaction = new TransactionConnections(engine.registry(), readYourWrites);
        }
        return transaction;
    }

    private StatementOptions withEngineTimeout(StatementOptions options) {
        long engineTimeoutMillis = engine.config().props().queryTimeout().toMillis();
        if (options.queryTimeoutSeconds() > 0 || engineTimeoutMillis <= 0) {
            return options;
        }
        return options.withQueryTimeout((int) Math.min(Integer.MAX_VALUE, (engineTimeoutMillis + 999) / 1000));
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

    /**
     * Sends every read of this session to the primaries while on, as if each carried the
     * {@code /* shardgate:primary *&#47;} hint: for a stretch of work that must see its own and others' latest
     * writes. Through JDBC: {@code connection.unwrap(ShardgateConnection.class).session().setForcePrimary(true)}.
     */
    public void setForcePrimary(boolean on) {
        forcePrimary = on;
    }

    public boolean forcePrimary() {
        return forcePrimary;
    }

    /** True while statements run in a transaction (autocommit off, or after BEGIN). */
    public boolean inTransaction() {
        return !autoCommit || explicitTransaction;
    }

    /**
     * True while a transaction is open: after BEGIN, or with autocommit off once a statement ran and until COMMIT or
     * ROLLBACK. This is MySQL's SERVER_STATUS_IN_TRANS, which stays off between transactions even with autocommit
     * off.
     */
    public boolean transactionOpen() {
        return explicitTransaction || transaction != null;
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
        try {
            if (ending != null) {
                ending.commit();
            }
        } finally {
            if (writeClaim != null) {
                writeClaim.finish();
            }
        }
    }

    public void rollback() throws SQLException {
        checkOpen();
        TransactionConnections ending = transaction;
        transaction = null;
        explicitTransaction = false;
        try {
            if (ending != null) {
                ending.rollback();
            }
        } finally {
            if (writeClaim != null) {
                writeClaim.finish();
            }
        }
    }

    /**
     * Sets a savepoint in the running transaction; possible while it has touched at most one data source (see
     * {@link TransactionSavepoints}). A savepoint of the same name replaces the earlier one.
     */
    public void setSavepoint(String name) throws SQLException {
        checkOpen();
        if (!inTransaction()) {
            throw new SQLException("savepoint " + name + " needs a transaction; autocommit is on", "25000");
        }
        transaction().savepoints().set(name);
    }

    /** Undoes what the transaction did after the savepoint; the savepoint stays, later ones are dropped. */
    public void rollbackToSavepoint(String name) throws SQLException {
        checkOpen();
        savepoints(name).rollbackTo(name);
    }

    /** Drops the savepoint and those set after it. */
    public void releaseSavepoint(String name) throws SQLException {
        checkOpen();
        savepoints(name).release(name);
    }

    private TransactionSavepoints savepoints(String name) throws SQLException {
        if (transaction == null) {
            throw TransactionSavepoints.noSuchSavepoint(name);
        }
        return transaction.savepoints();
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
