package io.shardgate.engine;

import io.shardgate.execute.ConnectionSource;
import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.ShardBatchExecutor;
import io.shardgate.execute.ShardBatchExecutor.BatchUnit;
import io.shardgate.execute.StatementOptions;
import io.shardgate.keygen.InsertKeys.KeyedInsert;
import io.shardgate.route.ExecutionUnit;
import io.shardgate.route.Opcode;
import io.shardgate.route.RoutePlan;
import io.shardgate.sql.StatementKind;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A client's batch. Every entry is planned first (keys generated), so an entry that cannot be batched (a query, a
 * session statement) or routed fails the batch before anything runs; then all shard statements go out through
 * {@link ShardBatchExecutor} as JDBC batches, one connection per data source. An entry's count combines its shard
 * statements' counts as for a single statement.
 */
final class SessionBatch {
    private final EngineSession session;
    private final ShardgateEngine engine;

    SessionBatch(EngineSession session, ShardgateEngine engine) {
        this.session = session;
        this.engine = engine;
    }

    List<UpdateCount> run(List<BatchEntry> entries, boolean sameStatement, StatementOptions options)
            throws SQLException {
        List<RoutePlan> plans = new ArrayList<>(entries.size());
        List<KeyedInsert> keyed = new ArrayList<>(entries.size());
        List<BatchUnit> units = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchEntry entry = entries.get(i);
            try {
                KeyedInsert withKeys = session.addKeys(entry.sql(), entry.params());
                String sql = withKeys == null ? entry.sql() : withKeys.sql();
                List<ParameterValue> params = withKeys == null ? entry.params() : withKeys.params();
                RoutePlan plan = session.plan(sql, params);
                requireBatchable(plan);
                plans.add(plan);
                keyed.add(withKeys);
                for (ExecutionUnit unit : plan.units()) {
                    units.add(new BatchUnit(unit, params));
                }
            } catch (SQLException e) {
                throw failure("batch entry " + (i + 1) + " cannot run, so no entry ran: " + e.getMessage(), e,
                        new long[0]);
            }
        }
        long[] unitCounts = new long[0];
        SQLException failure = null;
        if (!units.isEmpty()) {
            ConnectionSource source = session.connections(plans.get(0));
            ShardBatchExecutor.Outcome outcome;
            try {
                outcome = ShardBatchExecutor.run(engine.executor(), units, sameStatement, source, options);
            } catch (SQLException e) { // cancelled, or a data source unreachable: the others' outcome is unknown
                long[] unknown = new long[entries.size()];
                Arrays.fill(unknown, Statement.EXECUTE_FAILED);
                throw failure("batch failed; entries on other data sources may have been applied: "
                        + e.getMessage(), e, unknown);
            }
            unitCounts = outcome.counts();
            failure = outcome.failure();
        }
        return results(entries.size(), plans, keyed, unitCounts, failure);
    }

    private static void requireBatchable(RoutePlan plan) throws SQLException {
        if (plan.isQuery() || plan.kind() == StatementKind.PREVIEW) {
            throw new SQLException("it returns rows; a batch takes statements that change data", "HY000");
        }
        if (plan.opcode() == Opcode.SESSION) {
            throw SqlErrors.unsupported(plan.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " statements in a batch; run them on their own");
        }
    }

    /** Combines unit counts per entry; throws when an entry failed, with every entry's count or EXECUTE_FAILED. */
    private static List<UpdateCount> results(int entryCount, List<RoutePlan> plans, List<KeyedInsert> keyed,
                                             long[] unitCounts, SQLException failure) throws BatchUpdateException {
        long[] counts = new long[entryCount];
        List<UpdateCount> results = new ArrayList<>(entryCount);
        int firstFailed = -1;
        int next = 0;
        for (int i = 0; i < entryCount; i++) {
            RoutePlan plan = plans.get(i);
            long[] own = Arrays.copyOfRange(unitCounts, next, next + plan.units().size());
            next += own.length;
            counts[i] = entryCount(plan, own);
            if (counts[i] == Statement.EXECUTE_FAILED && firstFailed < 0) {
                firstFailed = i;
            }
            results.add(new UpdateCount(counts[i], EngineSession.keysOf(keyed.get(i))));
        }
        if (failure != null) {
            throw failure("batch entry " + (firstFailed + 1) + " failed: " + failure.getMessage(), failure, counts);
        }
        return results;
    }

    private static long entryCount(RoutePlan plan, long[] unitCounts) {
        boolean noInfo = false;
        for (long count : unitCounts) {
            if (count == Statement.EXECUTE_FAILED) {
                return Statement.EXECUTE_FAILED;
            }
            noInfo |= count == Statement.SUCCESS_NO_INFO;
        }
        return noInfo ? Statement.SUCCESS_NO_INFO : EngineSession.updateCount(plan, unitCounts);
    }

    private static BatchUpdateException failure(String message, SQLException cause, long[] counts) {
        return new BatchUpdateException(message, cause.getSQLState(), cause.getErrorCode(), counts, cause);
    }
}
