package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.db.DataSourceConnections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Current size of each source shard of the moving tables, from information_schema.TABLES. These are InnoDB's
 * estimates (sampled; typically within tens of percent, better right after ANALYZE TABLE), not counts: the plan
 * says so. A data source that cannot be reached is reported, not fatal.
 */
public record SizeEstimates(Map<DataNode, NodeSize> sizes, Map<String, String> unreachable) {
    public SizeEstimates {
        sizes = Map.copyOf(sizes);
        unreachable = Map.copyOf(unreachable);
    }

    public static SizeEstimates none() {
        return new SizeEstimates(Map.of(), Map.of());
    }

    public Optional<NodeSize> of(DataNode node) {
        return Optional.ofNullable(sizes.get(node));
    }

    public static SizeEstimates measure(ReshardPlan plan, DataSourceConnections connections) {
        Map<String, Set<DataNode>> nodesBySource = new LinkedHashMap<>();
        for (TablePlan table : plan.tables()) {
            for (SourcePlan source : table.sources()) {
                nodesBySource.computeIfAbsent(source.source().dataSource(), s -> new LinkedHashSet<>())
                        .add(source.source());
            }
        }
        Map<DataNode, NodeSize> sizes = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        nodesBySource.forEach((dataSource, nodes) -> {
            try {
                Connection connection = connections.get(dataSource);
                for (DataNode node : nodes) {
                    size(connection, node.physicalTable()).ifPresent(size -> sizes.put(node, size));
                }
            } catch (SQLException | RuntimeException e) {
                unreachable.put(dataSource, e.getMessage());
            }
        });
        return new SizeEstimates(sizes, unreachable);
    }

    public static Optional<NodeSize> size(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH "
                + "FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new NodeSize(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    /** Largest over mean of the given row counts; 1.0 is perfectly even. NaN without data. */
    public static double skew(List<Long> rows) {
        long total = rows.stream().mapToLong(Long::longValue).sum();
        if (rows.isEmpty() || total == 0) {
            return Double.NaN;
        }
        double mean = (double) total / rows.size();
        return rows.stream().mapToLong(Long::longValue).max().orElse(0) / mean;
    }
}
