package io.shardgate.reshard.verify;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.copy.RowPlacement;
import io.shardgate.reshard.db.Column;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.db.KeyCodec;
import io.shardgate.reshard.db.RowReader;
import io.shardgate.reshard.db.Sql;
import io.shardgate.reshard.db.TableShape;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.plan.SourcePlan;
import io.shardgate.reshard.plan.TablePlan;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Compares source and targets chunk by chunk. For each source shard with moving rows, in primary-key chunks, the
 * servers compute an MD5 digest of every row ({@code MD5(CONCAT_WS('|', QUOTE(c1), ...))}, QUOTE telling NULL
 * from the text 'NULL'); the tool places each source row with the target rules and compares, key by key, the
 * digests of the rows bound for each receiving node with that node's rows in the same key range which the current
 * rules place on this source. Target rows the target rules do not place there are reported as extra. Chunks that
 * differ are checked again after a delay (a running stream may just not have applied the latest changes yet).
 */
public final class Verifier {
    /** One chunk of one source shard: keys in {@code (after, upTo]}, null meaning unbounded. */
    private record Chunk(TablePlan table, DataNode source, Object[] after, Object[] upTo) {
    }

    private record ChunkResult(long sourceRows, List<RowDifference> differences) {
    }

    private final ReshardPlan plan;
    private final DataSourceConnections sources;
    private final DataSourceConnections targets;
    private final int chunkSize;
    private final Consumer<String> log;

    public Verifier(ReshardPlan plan, DataSourceConnections sources, DataSourceConnections targets, int chunkSize,
                    Consumer<String> log) {
        this.plan = plan;
        this.sources = sources;
        this.targets = targets;
        this.chunkSize = chunkSize;
        this.log = log;
    }

    /**
     * Verifies every moving table; mismatching chunks are re-checked up to {@code rechecks} times,
     * {@code recheckDelayMillis} apart.
     */
    public VerifyResult run(int rechecks, long recheckDelayMillis) throws SQLException, InterruptedException {
        long rows = 0;
        long chunks = 0;
        Map<Chunk, List<RowDifference>> failing = new LinkedHashMap<>();
        for (TablePlan table : plan.movingTables()) {
            for (SourcePlan source : table.movingSources()) {
                Object[] after = null;
                while (true) {
                    Object[] upTo = nextBoundary(source.source(), after);
                    Chunk chunk = new Chunk(table, source.source(), after, upTo);
                    ChunkResult result = check(chunk);
                    rows += result.sourceRows();
                    chunks++;
                    if (!result.differences().isEmpty()) {
                        failing.put(chunk, result.differences());
                    }
                    if (upTo == null) {
                        break;
                    }
                    after = upTo;
                }
            }
        }
        for (int round = 1; round <= rechecks && !failing.isEmpty(); round++) {
            log.accept(failing.size() + " chunk(s) differ; checking them again in " + recheckDelayMillis
                    + " ms (recheck " + round + " of " + rechecks + ")");
            Thread.sleep(recheckDelayMillis);
            Map<Chunk, List<RowDifference>> still = new LinkedHashMap<>();
            for (Chunk chunk : failing.keySet()) {
                List<RowDifference> differences = check(chunk).differences();
                if (!differences.isEmpty()) {
                    still.put(chunk, differences);
                }
            }
            failing = still;
        }
        List<RowDifference> differences = failing.values().stream().flatMap(List::stream).toList();
        return new VerifyResult(rows, chunks, failing.size(), differences);
    }

    /** The key of the chunk-th source row after {@code after}, or null when fewer rows remain. */
    private Object[] nextBoundary(DataNode source, Object[] after) throws SQLException {
        TableShape shape = shape(source);
        List<Column> keyColumns = shape.primaryKey().stream().map(shape::column).toList();
        String sql = "SELECT " + Sql.selectList(keyColumns) + " FROM " + Sql.quote(source.physicalTable())
                + (after == null ? "" : " WHERE " + Sql.afterKey(shape.primaryKey(), ">"))
                + " ORDER BY " + Sql.columnList(shape.primaryKey()) + " LIMIT 1 OFFSET " + (chunkSize - 1);
        try (PreparedStatement statement = sources.get(source.dataSource()).prepareStatement(sql)) {
            if (after != null) {
                bindAll(statement, 1, Sql.afterKeyParameters(after));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? RowReader.read(rs, keyColumns, 1) : null;
            }
        }
    }

    private ChunkResult check(Chunk chunk) throws SQLException {
        TablePlan table = chunk.table();
        TableShape shape = shape(chunk.source());
        RowPlacement target = RowPlacement.ofKeyColumns(table.target(), shape);
        RowPlacement current = RowPlacement.ofKeyColumns(table.current(), shape);
        Set<DataNode> receiving = new LinkedHashSet<>();
        for (SourcePlan source : table.sources()) {
            if (source.source().equals(chunk.source())) {
                source.pieces().stream().filter(p -> p.moves()).forEach(p -> receiving.add(p.target()));
            }
        }
        Map<DataNode, Map<String, String>> expected = new HashMap<>();
        receiving.forEach(node -> expected.put(node, new LinkedHashMap<>()));
        List<String> shardColumns = table.current().shardColumns();
        List<DigestRow> sourceRows = digests(sources, chunk.source(), shape, shardColumns, chunk.after(),
                chunk.upTo());
        for (DigestRow row : sourceRows) {
            DataNode node = target.nodeOf(row.shardKey());
            Map<String, String> bound = expected.get(node);
            if (bound != null) {
                bound.put(row.key(), row.digest());
            }
        }
        List<RowDifference> differences = new ArrayList<>();
        for (DataNode node : receiving) {
            Map<String, String> want = expected.get(node);
            Map<String, String> have = new LinkedHashMap<>();
            for (DigestRow row : digests(targets, node, shape, shardColumns, chunk.after(), chunk.upTo())) {
                if (!target.nodeOf(row.shardKey()).equals(node)) {
                    differences.add(new RowDifference(table.table(), node.toString(), RowDifference.Kind.EXTRA,
                            row.key(), chunk.source().toString()));
                } else if (current.nodeOf(row.shardKey()).equals(chunk.source())) {
                    have.put(row.key(), row.digest());
                }
            }
            want.forEach((key, digest) -> {
                String got = have.remove(key);
                if (got == null) {
                    differences.add(new RowDifference(table.table(), node.toString(), RowDifference.Kind.MISSING, key,
                            chunk.source().toString()));
                } else if (!got.equals(digest)) {
                    differences.add(new RowDifference(table.table(), node.toString(), RowDifference.Kind.DIFFERENT,
                            key, chunk.source().toString()));
                }
            });
            have.keySet().forEach(key -> differences.add(new RowDifference(table.table(), node.toString(),
                    RowDifference.Kind.EXTRA, key, chunk.source().toString())));
        }
        return new ChunkResult(sourceRows.size(), differences);
    }

    private record DigestRow(String key, Object[] shardKey, String digest) {
    }

    /** Key, shard-key values and digest of the node's rows with keys in {@code (after, upTo]}, in key order. */
    private static List<DigestRow> digests(DataSourceConnections connections, DataNode node, TableShape shape,
                                           List<String> shardColumns, Object[] after, Object[] upTo)
            throws SQLException {
        List<String> key = shape.primaryKey();
        List<Column> keyColumns = key.stream().map(shape::column).toList();
        List<Column> shardKeyColumns = shardColumns.stream().map(shape::column).toList();
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (after != null) {
            conditions.add(Sql.afterKey(key, ">"));
            parameters.addAll(List.of(Sql.afterKeyParameters(after)));
        }
        if (upTo != null) {
            conditions.add(Sql.afterKey(key, "<="));
            parameters.addAll(List.of(Sql.afterKeyParameters(upTo)));
        }
        String sql = "SELECT " + Sql.columnList(key) + ", " + Sql.columnList(shardColumns) + ", "
                + digestExpression(shape) + " FROM " + Sql.quote(node.physicalTable())
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + Sql.columnList(key);
        List<DigestRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connections.get(node.dataSource()).prepareStatement(sql)) {
            bindAll(statement, 1, parameters.toArray());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] rowKey = RowReader.read(rs, keyColumns, 1);
                    Object[] shardKey = RowReader.read(rs, shardKeyColumns, 1 + key.size());
                    rows.add(new DigestRow(KeyCodec.encode(rowKey), shardKey,
                            rs.getString(1 + key.size() + shardColumns.size())));
                }
            }
        }
        return rows;
    }

    private TableShape shape(DataNode source) throws SQLException {
        return TableShape.read(sources.get(source.dataSource()), source.physicalTable());
    }

    private static void bindAll(PreparedStatement statement, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            RowReader.bind(statement, first + i, values[i]);
        }
    }

    static String digestExpression(TableShape shape) {
        return "MD5(CONCAT_WS('|', " + shape.storedColumns().stream().map(c -> "QUOTE(" + Sql.quote(c.name()) + ")")
                .collect(Collectors.joining(", ")) + "))";
    }
}
