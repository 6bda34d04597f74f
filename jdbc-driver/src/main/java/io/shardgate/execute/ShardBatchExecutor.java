package io.shardgate.execute;

import io.shardgate.route.ExecutionUnit;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the shard statements of a client's batch as JDBC batches: one connection per data source, data sources
 * in parallel, and on each data source its statements in batch order, as few JDBC batches as that order allows.
 * A failure stops the later JDBC batches of its data source (they may depend on the failed statement) but not
 * the other data sources, so every statement ends with a known outcome.
 */
public final class ShardBatchExecutor {

    /** One shard statement of a batch entry, with the entry's parameters. */
    public record BatchUnit(ExecutionUnit unit, List<ParameterValue> params) {
    }

    /**
     * What the batch did.
     *
     * @param counts  per unit, in the order given: its update count, {@link Statement#SUCCESS_NO_INFO}, or
     *                {@link Statement#EXECUTE_FAILED} when it failed or did not run
     * @param failure the first failure, its data source named; null when every unit succeeded
     */
    public record Outcome(long[] counts, SQLException failure) {
    }

    private ShardBatchExecutor() {
    }

    /**
     * @param sameStatement the units are one prepared statement's, differing only in physical table and
     *                      parameters: on a data source they are grouped by SQL text (which reorders only
     *                      statements on different physical tables). Otherwise only consecutive statements share
     *                      a JDBC batch, so statements that depend on each other keep their order.
     */
    public static Outcome run(ShardExecutor executor, List<BatchUnit> units, boolean sameStatement,
                              ConnectionSource source, StatementOptions options) throws SQLException {
        Map<String, List<Integer>> byDataSource = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            byDataSource.computeIfAbsent(units.get(i).unit().dataSource(), ds -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> perDataSource = new ArrayList<>(byDataSource.values());
        List<ExecutionUnit> representatives = new ArrayList<>(perDataSource.size());
        for (List<Integer> members : perDataSource) {
            representatives.add(units.get(members.get(0)).unit());
        }
        RunningStatements running = RunningStatements.of(options);
        List<Outcome> outcomes = executor.run(representatives, source, running, (index, unit, connection, started) -> {
            List<Integer> members = perDataSource.get(index);
            List<BatchUnit> own = new ArrayList<>(members.size());
            for (int i : members) {
                own.add(units.get(i));
            }
            return runDataSource(connection, unit.dataSource(), own, jdbcBatches(members, units, sameStatement),
                    options, running, started);
        });

        long[] counts = new long[units.size()];
        SQLException failure = null;
        for (int d = 0; d < perDataSource.size(); d++) {
            Outcome outcome = outcomes.get(d);
            List<Integer> members = perDataSource.get(d);
            for (int k = 0; k < members.size(); k++) {
                counts[members.get(k)] = outcome.counts()[k];
            }
            if (outcome.failure() != null) {
                if (failure == null) {
                    failure = outcome.failure();
                } else {
                    failure.addSuppressed(outcome.failure());
                }
            }
        }
        return new Outcome(counts, failure);
    }

    /**
     * Splits one data source's units (batch order) into JDBC batches, each of one kind of statement; the batches
     * hold positions in {@code members}.
     */
    private static List<List<Integer>> jdbcBatches(List<Integer> members, List<BatchUnit> units,
                                                   boolean sameStatement) {
        if (sameStatement) {
            Map<String, List<Integer>> bySql = new LinkedHashMap<>();
            for (int k = 0; k < members.size(); k++) {
                bySql.computeIfAbsent(units.get(members.get(k)).unit().sql(), sql -> new ArrayList<>()).add(k);
            }
            return new ArrayList<>(bySql.values());
        }
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = null;
        ExecutionUnit last = null;
        for (int k = 0; k < members.size(); k++) {
            ExecutionUnit unit = units.get(members.get(k)).unit();
            if (current == null || !sameJdbcBatch(last, unit)) {
                current = new ArrayList<>();
                batches.add(current);
            }
            current.add(k);
            last = unit;
        }
        return batches;
    }

    /** Plain statements share a {@code Statement} batch; parameterized ones a {@code PreparedStatement}'s. */
    private static boolean sameJdbcBatch(ExecutionUnit previous, ExecutionUnit next) {
        boolean plain = previous.paramIndexes().length == 0;
        return plain ? next.paramIndexes().length == 0 : previous.sql().equals(next.sql());
    }

    /**
     * Runs one data source's JDBC batches in order; counts are aligned with {@code units}. Whether the rest of a
     * failing JDBC batch runs is the shard driver's choice (its counts say); later batches do not run.
     */
    private static Outcome runDataSource(Connection connection, String dataSource, List<BatchUnit> units,
                                         List<List<Integer>> batches, StatementOptions options,
                                         RunningStatements running, Runnable started) {
        long[] counts = new long[units.size()];
        Arrays.fill(counts, Statement.EXECUTE_FAILED);
        for (List<Integer> batch : batches) {
            long[] batchCounts;
            SQLException failure = null;
            try {
                batchCounts = runJdbcBatch(connection, batch, units, options, running, started);
            } catch (BatchUpdateException e) {
                batchCounts = e.getLargeUpdateCounts() != null ? e.getLargeUpdateCounts() : new long[0];
                failure = e;
            } catch (SQLException e) {
                batchCounts = new long[0];
                failure = e;
            }
            for (int k = 0; k < Math.min(batchCounts.length, batch.size()); k++) {
                counts[batch.get(k)] = batchCounts[k];
            }
            if (failure != null) {
                return new Outcome(counts, ShardExecutor.naming(dataSource, failure));
            }
        }
        return new Outcome(counts, null);
    }

    private static long[] runJdbcBatch(Connection connection, List<Integer> batch, List<BatchUnit> units,
                                       StatementOptions options, RunningStatements running, Runnable started)
            throws SQLException {
        ExecutionUnit first = units.get(batch.get(0)).unit();
        boolean plain = first.paramIndexes().length == 0;
        try (Statement statement = plain ? connection.createStatement() : connection.prepareStatement(first.sql())) {
            for (int i : batch) {
                BatchUnit member = units.get(i);
                if (plain) {
                    statement.addBatch(member.unit().sql());
                } else {
                    UnitParameters.bind((PreparedStatement) statement, member.unit(), member.params());
                    ((PreparedStatement) statement).addBatch();
                }
            }
            if (options.queryTimeoutSeconds() > 0) {
                statement.setQueryTimeout(options.queryTimeoutSeconds());
            }
            running.add(statement);
            try {
                started.run();
                int[] counts = statement.executeBatch();
                return Arrays.stream(counts).asLongStream().toArray();
            } finally {
                running.remove(statement);
            }
        }
    }
}
