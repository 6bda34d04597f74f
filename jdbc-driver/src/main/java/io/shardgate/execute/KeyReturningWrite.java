package io.shardgate.execute;

import io.shardgate.route.ExecutionUnit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs a write on one shard asking its driver for the keys the database generated (AUTO_INCREMENT, serial),
 * in the JDBC form the application used. Only one shard: keys of separate shards' counters would neither be
 * unique nor come back in the statement's row order.
 */
public final class KeyReturningWrite {

    /** The shard's update count and the keys its driver returned. */
    public record Result(long count, GeneratedKeys keys) {
    }

    private KeyReturningWrite() {
    }

    public static Result run(ShardExecutor executor, ExecutionUnit unit, List<ParameterValue> params,
                             ConnectionSource source, StatementOptions options) throws SQLException {
        RunningStatements running = RunningStatements.of(options);
        GeneratedKeyRequest request = options.generatedKeys();
        return executor.run(List.of(unit), source, running, (index, u, connection, started) -> {
            try (Statement statement = create(connection, u, params, request)) {
                if (options.queryTimeoutSeconds() > 0) {
                    statement.setQueryTimeout(options.queryTimeoutSeconds());
                }
                running.add(statement);
                try {
                    started.run();
                    long count = statement instanceof PreparedStatement p ? p.executeUpdate()
                            : executeUpdate(statement, u.sql(), request);
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        return new Result(count, GeneratedKeys.read(keys));
                    }
                } finally {
                    running.remove(statement);
                }
            }
        }).get(0);
    }

    private static Statement create(Connection connection, ExecutionUnit unit, List<ParameterValue> params,
                                    GeneratedKeyRequest request) throws SQLException {
        if (unit.paramIndexes().length == 0) {
            return connection.createStatement();
        }
        PreparedStatement prepared = request.columnIndexes() != null
                ? connection.prepareStatement(unit.sql(), request.columnIndexes())
                : request.columnNames() != null ? connection.prepareStatement(unit.sql(), request.columnNames())
                : connection.prepareStatement(unit.sql(), Statement.RETURN_GENERATED_KEYS);
        try {
            UnitParameters.bind(prepared, unit, params);
        } catch (SQLException | RuntimeException e) {
            prepared.close();
            throw e;
        }
        return prepared;
    }

    private static int executeUpdate(Statement statement, String sql, GeneratedKeyRequest request)
            throws SQLException {
        return request.columnIndexes() != null ? statement.executeUpdate(sql, request.columnIndexes())
                : request.columnNames() != null ? statement.executeUpdate(sql, request.columnNames())
                : statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
    }
}
