package io.shardgate.execute;

import io.shardgate.merge.ListCursor;
import io.shardgate.merge.RowCursor;
import io.shardgate.route.ExecutionUnit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a statement's execution units. One unit runs on the caller's thread; several run in parallel on a bounded
 * pool of daemon threads, with at most {@code maxConnectionsPerQuery} connections busy per statement. Units that
 * share a connection (inside a transaction) run one after another on it.
 *
 * <p>A query normally streams: each unit keeps its connection until the merged cursor is closed. When it has more
 * units than {@code maxConnectionsPerQuery}, each unit's rows are read into memory and the connection given back
 * at once instead, which keeps the connection bound at the cost of memory.
 *
 * <p>When a unit fails, units not yet started are skipped, running ones are cancelled, everything opened is
 * closed, and the first failure is thrown with its data source in the message. The exception is a read whose
 * replica failed before its rows reached the caller: when the connection source takes that replica out of use,
 * the unit runs once more on whatever the source hands out next.
 */
public final class ShardExecutor implements AutoCloseable {

    /** One query's shard cursors, in unit order, and the columns of the first. */
    public record ShardResults(List<RowCursor> cursors, List<ColumnInfo> columns) {
    }

    /**
     * Runs one unit on its connection. The runner releases the connection afterwards unless the result keeps it
     * (a streaming cursor); {@code started} is called right before the statement executes and throws when the
     * execution was cancelled meanwhile.
     */
    public interface UnitWork<T> {
        T run(int index, ExecutionUnit unit, Connection connection, Runnable started) throws SQLException;
    }

    private final ExecutorService pool;
    private final int maxConnectionsPerQuery;

    public ShardExecutor(int threads, int maxConnectionsPerQuery) {
        AtomicInteger sequence = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "shardgate-executor-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.maxConnectionsPerQuery = maxConnectionsPerQuery;
    }

    /** Runs a query's units; the cursors own their connections when streaming. */
    public ShardResults query(List<ExecutionUnit> units, List<ParameterValue> params, ConnectionSource source,
                              StatementOptions options) throws SQLException {
        boolean stream = source.sharesConnections() || units.size() <= maxConnectionsPerQuery;
        AtomicReference<List<ColumnInfo>> columns = new AtomicReference<>();
        RunningStatements running = RunningStatements.of(options);
        List<RowCursor> cursors = runAll(units, source, running, (index, unit, connection, started) -> {
            Statement statement = null;
            try {
                statement = prepare(connection, unit, params, options);
                running.add(statement);
                started.run();
                ResultSet rows = statement instanceof PreparedStatement p ? p.executeQuery()
                        : statement.executeQuery(unit.sql());
                if (index == 0) {
                    columns.set(ColumnInfo.copyOf(rows.getMetaData()));
                }
                // stays registered while its rows are read, so a cancel also stops a streaming fetch
                ShardCursor cursor = new ShardCursor(unit.dataSource(), statement, rows, source,
                        stream ? connection : null, running);
                statement = null; // the cursor owns it now
                return stream ? cursor : ListCursor.drain(cursor);
            } finally {
                if (statement != null) {
                    running.remove(statement);
                    statement.close();
                }
            }
        }, stream, RowCursor::close);
        return new ShardResults(cursors, columns.get());
    }

    /** Runs write units; returns each unit's update count, in unit order. */
    public long[] update(List<ExecutionUnit> units, List<ParameterValue> params, ConnectionSource source,
                         StatementOptions options) throws SQLException {
        RunningStatements running = RunningStatements.of(options);
        List<Long> counts = runAll(units, source, running, (index, unit, connection, started) -> {
            try (Statement statement = prepare(connection, unit, params, options)) {
                running.add(statement);
                started.run();
                long count;
                try {
                    count = statement instanceof PreparedStatement p ? p.executeUpdate()
                            : statement.executeUpdate(unit.sql());
                } finally {
                    running.remove(statement);
                }
                source.afterWrite(unit.dataSource(), connection);
                return count;
            }
        }, false, count -> { });
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Runs caller-defined work per unit (batches, writes returning keys) with the parallelism, connection handling
     * and failure rules of {@link #update}; the work registers its statements with {@code running}.
     */
    public <T> List<T> run(List<ExecutionUnit> units, ConnectionSource source, RunningStatements running,
                           UnitWork<T> work) throws SQLException {
        return runAll(units, source, running, (index, unit, connection, started) -> {
            T result = work.run(index, unit, connection, started);
            source.afterWrite(unit.dataSource(), connection); // these are writes: read-your-writes must know
            return result;
        }, false, result -> { });
    }

    private static Statement prepare(Connection connection, ExecutionUnit unit, List<ParameterValue> params,
                                     StatementOptions options) throws SQLException {
        Statement statement;
        int[] indexes = unit.paramIndexes();
        if (indexes.length == 0) {
            statement = connection.createStatement();
        } else {
            PreparedStatement prepared = connection.prepareStatement(unit.sql());
            statement = prepared;
            try {
                for (int k = 0; k < indexes.length; k++) {
                    int index = indexes[k];
                    if (index >= params.size() || params.get(index) == null) {
                        throw new SQLException("no value specified for parameter " + (index + 1), "07001");
                    }
                    params.get(index).bind(prepared, k + 1);
                }
            } catch (SQLException | RuntimeException e) {
                prepared.close();
                throw e;
            }
        }
        if (options.fetchSize() > 0) {
            statement.setFetchSize(options.fetchSize());
        }
        if (options.queryTimeoutSeconds() > 0) {
            statement.setQueryTimeout(options.queryTimeoutSeconds());
        }
        return statement;
    }

    /** Closes one unit's result after a failure elsewhere. */
    private interface Cleanup<T> {
        void close(T result) throws SQLException;
    }

    private <T> List<T> runAll(List<ExecutionUnit> units, ConnectionSource source, RunningStatements running,
                               UnitWork<T> work, boolean keepConnections, Cleanup<T> cleanup) throws SQLException {
        List<List<Integer>> groups = groups(units, source.sharesConnections());
        Object[] results = new Object[units.size()];
        Failure failure = new Failure(running);
        if (groups.size() == 1) {
            runGroup(groups.get(0), units, source, work, keepConnections, results, failure);
        } else {
            runInParallel(groups, units, source, work, keepConnections, results, failure);
        }
        @SuppressWarnings("unchecked")
        List<T> out = (List<T>) Arrays.asList(results);
        if (failure.first.get() != null) {
            SQLException error = failure.first.get();
            for (T result : out) {
                if (result != null) {
                    try {
                        cleanup.close(result);
                    } catch (SQLException | RuntimeException e) {
                        error.addSuppressed(e);
                    }
                }
            }
            throw error;
        }
        return new ArrayList<>(out);
    }

    private <T> void runInParallel(List<List<Integer>> groups, List<ExecutionUnit> units, ConnectionSource source,
                                   UnitWork<T> work, boolean keep, Object[] results, Failure failure) {
        AtomicInteger nextGroup = new AtomicInteger();
        int workers = Math.min(groups.size(), maxConnectionsPerQuery);
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            try {
                futures.add(pool.submit(() -> {
                    int g;
                    while (!failure.happened() && (g = nextGroup.getAndIncrement()) < groups.size()) {
                        runGroup(groups.get(g), units, source, work, keep, results, failure);
                    }
                }));
            } catch (RejectedExecutionException e) {
                failure.record(new SQLException("the Shardgate engine is closed", "08003", e));
                break;
            }
        }
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.record(new SQLException("interrupted while waiting for shards", "70100", e));
                } catch (ExecutionException e) {
                    failure.record(new SQLException("shard task failed: " + e.getCause(), "HY000", e.getCause()));
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> void runGroup(List<Integer> group, List<ExecutionUnit> units, ConnectionSource source,
                                     UnitWork<T> work, boolean keep, Object[] results, Failure failure) {
        for (int index : group) {
            if (failure.happened()) {
                return;
            }
            if (runUnit(index, units.get(index), source, work, keep, results, failure, true)) {
                runUnit(index, units.get(index), source, work, keep, results, failure, false);
            }
        }
    }

    /**
     * Runs one unit, recording a failure unless the source failed over from the unit's server and {@code mayRetry}.
     *
     * @return true when the unit should run once more
     */
    private static <T> boolean runUnit(int index, ExecutionUnit unit, ConnectionSource source, UnitWork<T> work,
                                       boolean keep, Object[] results, Failure failure, boolean mayRetry) {
        Connection connection = null;
        boolean handedOver = false;
        boolean retry = false;
        try {
            connection = source.acquire(unit.dataSource());
            results[index] = work.run(index, unit, connection, failure::checkNotCancelled);
            handedOver = keep;
        } catch (SQLException e) {
            retry = mayRetry && connection != null && !failure.happened() && source.failedOver(connection, e);
            if (!retry) {
                failure.record(naming(unit.dataSource(), e));
            }
        } catch (RuntimeException e) {
            failure.record(naming(unit.dataSource(), e));
        } finally {
            if (connection != null && !handedOver) {
                try {
                    source.release(connection);
                } catch (SQLException e) {
                    if (!retry) {
                        failure.record(naming(unit.dataSource(), e));
                    }
                }
            }
        }
        return retry;
    }

    /** Unit indexes in run order: one group per unit, or per data source when units share connections. */
    private static List<List<Integer>> groups(List<ExecutionUnit> units, boolean byDataSource) {
        Map<Object, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            Object key = byDataSource ? units.get(i).dataSource() : i;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(groups.values());
    }

    /** An error of one shard with the data source named first. */
    static SQLException naming(String dataSource, Exception e) {
        String message = dataSource + ": " + e.getMessage();
        if (e instanceof SQLException s) {
            return s.getMessage() != null && s.getMessage().startsWith(dataSource + ": ") ? s
                    : new SQLException(message, s.getSQLState(), s.getErrorCode(), s);
        }
        return new SQLException(message, "HY000", e);
    }

    /** The first failure of a statement; later ones are suppressed into it, and running statements cancelled. */
    private static final class Failure {
        final AtomicReference<SQLException> first = new AtomicReference<>();
        final RunningStatements running;

        Failure(RunningStatements running) {
            this.running = running;
        }

        boolean happened() {
            return first.get() != null;
        }

        void record(SQLException e) {
            if (!first.compareAndSet(null, e)) {
                SQLException earlier = first.get();
                if (earlier != e) {
                    earlier.addSuppressed(e);
                }
                return;
            }
            running.cancelAll();
        }

        /** Called right before a unit starts executing, so a unit registered after a cancellation still stops. */
        void checkNotCancelled() {
            if (running.cancelled()) {
                throw new IllegalStateException("statement cancelled");
            }
            if (happened()) {
                throw new IllegalStateException("cancelled because another shard failed");
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
