package io.shardgate.jdbc;

import io.shardgate.config.BroadcastTable;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables an application sees through Shardgate, from the rules: sharded and broadcast tables under their
 * logical names, each described by one representative physical table (a sharded table's first node, a broadcast
 * table's copy on its first data source), plus the default data source's other tables as they are.
 */
final class LogicalSchema {
    private final ShardingRules rules;
    private final Map<String, DataNode> representatives = new TreeMap<>();
    /** Per data source: physical table name to logical name, for every node and broadcast copy there. */
    private final Map<String, Map<String, String>> logicalByPhysical = new HashMap<>();
    private final String defaultDataSource;

    LogicalSchema(ShardingRules rules) {
        this.rules = rules;
        this.defaultDataSource = rules.defaultDataSource();
        for (TableRule rule : rules.tables().values()) {
            representatives.put(rule.logicalTable(), rules.representative(rule.logicalTable()));
            for (DataNode node : rule.nodes()) {
                physicalNames(node.dataSource()).put(node.physicalTable(), rule.logicalTable());
            }
        }
        for (BroadcastTable table : rules.broadcastTables().values()) {
            representatives.put(table.logicalTable(), rules.representative(table.logicalTable()));
            for (String dataSource : table.dataSources()) {
                physicalNames(dataSource).put(table.logicalTable(), table.logicalTable());
            }
        }
    }

    private Map<String, String> physicalNames(String dataSource) {
        return logicalByPhysical.computeIfAbsent(dataSource, ds -> new HashMap<>());
    }

    String defaultDataSource() {
        return defaultDataSource;
    }

    /** Sharded and broadcast tables whose logical name matches a JDBC name pattern, with their representatives. */
    List<Map.Entry<String, DataNode>> ruledTables(String namePattern) {
        List<Map.Entry<String, DataNode>> out = new ArrayList<>();
        for (Map.Entry<String, DataNode> e : representatives.entrySet()) {
            if (NamePattern.matches(namePattern, e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Where to look up a table the application names: its representative, or the default data source. */
    DataNode locate(String table) {
        return rules.representative(table);
    }

    /** The logical name of a physical table on a data source; null when no rule names it. */
    String logicalName(String dataSource, String physicalTable) {
        Map<String, String> names = logicalByPhysical.get(dataSource);
        return names == null || physicalTable == null ? null : names.get(physicalTable.toLowerCase(Locale.ROOT));
    }
}
