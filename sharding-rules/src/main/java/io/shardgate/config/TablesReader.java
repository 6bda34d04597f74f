package io.shardgate.config;

import io.shardgate.algorithm.ShardingAlgorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads {@code tables}: each sharded table's shard key, algorithm, data nodes and key generator. */
final class TablesReader {
    static final List<String> KEY_GENERATOR_TYPES = List.of("snowflake");

    /** A read table rule with what binding groups compare. */
    record ReadTable(TableRule rule, Object algorithmIdentity) {
    }

    private TablesReader() {
    }

    /** The rules by lower-case table name, in declaration order. */
    static Map<String, ReadTable> read(ConfigNode section, Set<String> dataSources) {
        Map<String, ReadTable> tables = new LinkedHashMap<>();
        Map<DataNode, String> nodeOwners = new HashMap<>();
        for (Map.Entry<String, ConfigNode> entry : section.entries().entries().entrySet()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            ConfigNode node = entry.getValue();
            if (tables.containsKey(name)) {
                throw node.error("table " + name + " is configured twice (table names are case-insensitive)");
            }
            tables.put(name, table(name, node, dataSources, nodeOwners));
        }
        return tables;
    }

    private static ReadTable table(String name, ConfigNode node, Set<String> dataSources,
                                   Map<DataNode, String> nodeOwners) {
        ConfigMapping m = node.mapping("shardKey", "algorithm", "nodes", "keyGenerator");
        ConfigNode shardKeyNode = m.required("shardKey", "every sharded table needs the column that decides its shard");
        List<String> shardColumns = columns(shardKeyNode);
        ConfigNode nodesNode = m.required("nodes", "list where each shard lives as dataSource.table, shard 0 first, "
                + "e.g. [ds0.orders_0, ds1.orders_1] or \"ds${0..1}.orders_${0..1}\"");
        List<DataNode> nodes = nodes(name, nodesNode, dataSources, nodeOwners);
        ConfigNode algorithmNode = m.required("algorithm", "every sharded table needs an algorithm, e.g. "
                + "{ type: hash }");
        AlgorithmReader.Configured configured = AlgorithmReader.read(algorithmNode, nodes.size());
        ShardingAlgorithm algorithm = configured.algorithm();
        if (algorithm.shardCount() != nodes.size()) {
            throw nodesNode.error(nodes.size() + " node(s) listed but the algorithm " + algorithm + " has "
                    + algorithm.shardCount() + " shard(s); shard i lives at nodes[i], so list one node per shard");
        }
        if (algorithm.columnCount() != shardColumns.size()) {
            throw shardKeyNode.error("the algorithm reads " + algorithm.columnCount() + " key column(s) but "
                    + shardColumns.size() + " are configured" + (algorithm.columnCount() == 2
                    ? "; a geo rule with several shards in a region needs [regionColumn, hashedColumn]" : ""));
        }
        KeyGeneratorConfig keyGenerator = m.optional("keyGenerator").map(TablesReader::keyGenerator).orElse(null);
        return new ReadTable(new TableRule(name, shardColumns, algorithm, nodes, keyGenerator),
                configured.identity());
    }

    private static List<String> columns(ConfigNode shardKeyNode) {
        List<String> columns = new ArrayList<>();
        for (ConfigNode column : shardKeyNode.listOrOne()) {
            String name = column.name().toLowerCase(Locale.ROOT);
            if (columns.contains(name)) {
                throw column.error("column " + name + " is listed twice");
            }
            columns.add(name);
        }
        if (columns.isEmpty()) {
            throw shardKeyNode.error("no columns; every sharded table needs the column that decides its shard");
        }
        return columns;
    }

    private static List<DataNode> nodes(String table, ConfigNode nodesNode, Set<String> dataSources,
                                        Map<DataNode, String> nodeOwners) {
        List<DataNode> nodes = new ArrayList<>();
        for (ConfigNode item : nodesNode.listOrOne()) {
            List<String> names;
            try {
                names = InlineExpression.expand(item.name());
            } catch (IllegalArgumentException e) {
                throw item.error(e.getMessage());
            }
            for (String name : names) {
                DataNode dataNode = dataNode(item, name, dataSources);
                int earlier = nodes.indexOf(dataNode);
                if (earlier >= 0) {
                    throw item.error("node " + dataNode + " is listed twice (shards " + earlier + " and "
                            + nodes.size() + "); each shard needs its own table");
                }
                String owner = nodeOwners.putIfAbsent(dataNode, table);
                if (owner != null) {
                    throw item.error("node " + dataNode + " already holds a shard of table " + owner
                            + "; two logical tables cannot share a physical table");
                }
                nodes.add(dataNode);
            }
        }
        if (nodes.isEmpty()) {
            throw nodesNode.error("no nodes; list where each shard lives");
        }
        return nodes;
    }

    private static DataNode dataNode(ConfigNode item, String text, Set<String> dataSources) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw item.error("'" + text + "' is not a node; expected dataSource.table, e.g. ds0.orders_0");
        }
        String dataSource = text.substring(0, dot);
        if (!dataSources.contains(dataSource)) {
            throw item.error("node " + text + " names data source " + dataSource + ", which is not defined under "
                    + "dataSources (defined: " + String.join(", ", dataSources) + ")"
                    + DidYouMean.hint(dataSource, dataSources));
        }
        return new DataNode(dataSource, text.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static KeyGeneratorConfig keyGenerator(ConfigNode node) {
        ConfigMapping m = node.mapping("column", "type");
        String column = m.required("column", "the column whose value the engine generates on INSERT").name();
        String type = m.optional("type").map(t -> t.choice(KEY_GENERATOR_TYPES)).orElse("snowflake");
        return new KeyGeneratorConfig(column.toLowerCase(Locale.ROOT), type);
    }
}
