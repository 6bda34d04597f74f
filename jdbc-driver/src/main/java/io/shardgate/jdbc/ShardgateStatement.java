package io.shardgate.jdbc;

import io.shardgate.engine.BatchEntry;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.StatementResult;
import io.shardgate.engine.UpdateCount;
import io.shardgate.execute.GeneratedKeyRequest;
import io.shardgate.execute.GeneratedKeys;
import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.RunningStatements;
import io.shardgate.execute.StatementOptions;
import io.shardgate.merge.LimitCursor;
import io.shardgate.merge.ListCursor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement run through the engine session of its connection. One result at a time, forward-only and read-only
 * result sets. Batches go to the engine whole, which runs them as JDBC batches per data source.
 */
public class ShardgateStatement implements Statement {
    final ShardgateConnection connection;
    private final List<String> batch = new ArrayList<>();
    private ShardgateResultSet resultSet;
    private long updateCount = -1;
    private GeneratedKeys generatedKeys = GeneratedKeys.NONE;
    /**
     * The shard statements of the latest execution, for {@link #cancel()} from another thread; a query's stay
     * registered while its rows are read.
     */
    private volatile RunningStatements running;
    private int fetchSize;
    private int queryTimeout;
    private long maxRows;
    private boolean closeOnCompletion;
    private boolean closed;

    ShardgateStatement(ShardgateConnection connection) {
        this.connection = connection;
    }

    /** Runs a statement, making its result this statement's current one; true when it returned rows. */
    final boolean run(String sql, List<ParameterValue> params, GeneratedKeyRequest keys) throws SQLException {
        checkOpen();
        closeResult();
        generatedKeys = GeneratedKeys.NONE;
        RunningStatements tracker = new RunningStatements();
        running = tracker;
        StatementResult result;
        try {
            result = connection.session().execute(sql, params, options(keys, tracker));
        } catch (SQLException e) {
            throw StatementErrors.forCaller(e, tracker);
        }
        if (result instanceof QueryResult query) {
            QueryResult rows = maxRows > 0
                    ? new QueryResult(query.columns(), new LimitCursor(query.rows(), 0, maxRows)) : query;
            resultSet = new ShardgateResultSet(this, rows);
            return true;
        }
        UpdateCount count = (UpdateCount) result;
        updateCount = count.count();
        generatedKeys = count.generatedKeys();
        return false;
    }

    /**
     * Runs a batch through the engine; the generated keys of all entries become this statement's.
     *
     * @param sameStatement the entries are executions of one prepared statement
     */
    final long[] runBatch(List<BatchEntry> entries, boolean sameStatement) throws SQLException {
        checkOpen();
        closeResult();
        generatedKeys = GeneratedKeys.NONE;
        if (entries.isEmpty()) {
            return new long[0];
        }
        RunningStatements tracker = new RunningStatements();
        running = tracker;
        List<UpdateCount> results;
        try {
            results = connection.session().executeBatch(entries, sameStatement,
                    options(GeneratedKeyRequest.NONE, tracker));
        } catch (SQLException e) {
            throw StatementErrors.forCaller(e, tracker);
        }
        long[] counts = new long[results.size()];
        GeneratedKeys keys = GeneratedKeys.NONE;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = results.get(i).count();
            keys = keys.then(results.get(i).generatedKeys());
        }
        generatedKeys = keys;
        return counts;
    }

    /**
     * What every shard statement gets. {@code Integer.MIN_VALUE}, MySQL Connector/J's "stream row by row", goes to
     * the shards as 1, which MariaDB Connector/J 3 reads as the same request (it refuses negative sizes).
     */
    private StatementOptions options(GeneratedKeyRequest keys, RunningStatements tracker) {
        int shardFetchSize = fetchSize == Integer.MIN_VALUE ? 1 : fetchSize;
        return new StatementOptions(shardFetchSize, queryTimeout, keys, tracker);
    }

    final ResultSet runQuery(String sql, List<ParameterValue> params) throws SQLException {
        if (!run(sql, params, GeneratedKeyRequest.NONE)) {
            throw new SQLException("executeQuery: the statement returns no rows; use executeUpdate or execute",
                    "HY000");
        }
        return resultSet;
    }

    final long runUpdate(String sql, List<ParameterValue> params, GeneratedKeyRequest keys) throws SQLException {
        if (run(sql, params, keys)) {
            closeResult();
            throw new SQLException("executeUpdate: the statement returns rows; use executeQuery or execute",
                    "HY000");
        }
        return updateCount;
    }

    static GeneratedKeyRequest keyRequest(int autoGeneratedKeys) throws SQLException {
        return switch (autoGeneratedKeys) {
            case RETURN_GENERATED_KEYS -> GeneratedKeyRequest.ALL;
            case NO_GENERATED_KEYS -> GeneratedKeyRequest.NONE;
            default -> throw new SQLException("autoGeneratedKeys must be RETURN_GENERATED_KEYS or "
                    + "NO_GENERATED_KEYS, not " + autoGeneratedKeys, "HY024");
        };
    }

    private static int narrow(long count) {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return runQuery(sql, List.of());
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return narrow(runUpdate(sql, List.of(), GeneratedKeyRequest.NONE));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return runUpdate(sql, List.of(), GeneratedKeyRequest.NONE);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(sql, List.of(), GeneratedKeyRequest.NONE);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return narrow(runUpdate(sql, List.of(), keyRequest(autoGeneratedKeys)));
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return runUpdate(sql, List.of(), keyRequest(autoGeneratedKeys));
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return run(sql, List.of(), keyRequest(autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return narrow(runUpdate(sql, List.of(), GeneratedKeyRequest.columns(columnIndexes)));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return narrow(runUpdate(sql, List.of(), GeneratedKeyRequest.columns(columnNames)));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return runUpdate(sql, List.of(), GeneratedKeyRequest.columns(columnIndexes));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return runUpdate(sql, List.of(), GeneratedKeyRequest.columns(columnNames));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return run(sql, List.of(), GeneratedKeyRequest.columns(columnIndexes));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return run(sql, List.of(), GeneratedKeyRequest.columns(columnNames));
    }

    /**
     * The keys of the last write or batch: Shardgate's for key-generator columns (always, as MySQL's driver
     * does), the shard's for database-generated keys when they were asked for. Empty otherwise.
     */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        ListCursor rows = new ListCursor(generatedKeys.columns().size(), generatedKeys.rows());
        return new ShardgateResultSet(this, new QueryResult(generatedKeys.columns(), rows));
    }

    // ---- batches ----

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return Arrays.stream(executeLargeBatch()).mapToInt(c -> (int) Math.min(Integer.MAX_VALUE, c)).toArray();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<BatchEntry> entries = new ArrayList<>(batch.size());
        for (String sql : batch) {
            entries.add(new BatchEntry(sql, List.of()));
        }
        batch.clear();
        return runBatch(entries, false);
    }

    // ---- results ----

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return resultSet == null ? updateCount : -1;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current == CLOSE_CURRENT_RESULT || current == CLOSE_ALL_RESULTS) {
            closeResult();
        }
        resultSet = null;
        updateCount = -1;
        return false;
    }

    /** Called by a result set of this statement when it closes. */
    void resultSetClosed(ShardgateResultSet closedResult) throws SQLException {
        if (closedResult == resultSet) {
            resultSet = null;
            if (closeOnCompletion) {
                close();
            }
        }
    }

    private void closeResult() throws SQLException {
        ShardgateResultSet current = resultSet;
        resultSet = null;
        updateCount = -1;
        if (current != null) {
            current.close(); // no longer our result, so closeOnCompletion does not close this statement
        }
    }

    // ---- settings ----

    /** Passed to every shard statement; see {@link #options} for {@code Integer.MIN_VALUE}. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0 && rows != Integer.MIN_VALUE) {
            throw new SQLException("fetch size must not be negative (Integer.MIN_VALUE streams)", "HY024");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("query timeout must not be negative", "HY024");
        }
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("max rows must not be negative", "HY024");
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeMaxRows());
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        if (max != 0) {
            throw Unsupported.method("Statement.setMaxFieldSize");
        }
    }

    /** Escape syntax is passed to the shards as written; their drivers do not see it either way. */
    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Unsupported.method("Statement.setFetchDirection other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw Unsupported.method("Statement.setCursorName");
    }

    /** A failure while reading this statement's rows, typed like a failure of its execution. */
    final SQLException readFailure(SQLException e) {
        RunningStatements current = running;
        return current == null ? e : StatementErrors.forCaller(e, current);
    }

    /**
     * Cancels the shard statements of the execution in progress, or still streaming rows to the current result
     * set; callable from any thread.
     */
    @Override
    public void cancel() throws SQLException {
        if (closed) {
            throw new SQLException("the statement is closed", "HY010");
        }
        RunningStatements current = running;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeResult();
        } finally {
            connection.statementClosed(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the statement is closed", "HY010");
        }
        connection.checkOpen();
    }
}
