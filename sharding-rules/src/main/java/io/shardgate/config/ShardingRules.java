package io.shardgate.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing view of a configuration: sharded tables, broadcast tables, binding groups and the default data
 * source that receives statements on tables no rule names. Immutable; one version of the rules.
 */
public record ShardingRules(Map<String, TableRule> tables, Map<String, BroadcastTable> broadcastTables,
                            List<List<String>> bindingGroups, String defaultDataSource, List<String> dataSources) {

    public ShardingRules {
        tables = Map.copyOf(tables);
        broadcastTables = Map.copyOf(broadcastTables);
        bindingGroups = bindingGroups.stream().map(List::copyOf).toList();
        dataSources = List.copyOf(dataSources);
    }

    public Optional<TableRule> table(String logicalName) {
        return Optional.ofNullable(tables.get(logicalName.toLowerCase(java.util.Locale.ROOT)));
    }

    public Optional<BroadcastTable> broadcast(String logicalName) {
        return Optional.ofNullable(broadcastTables.get(logicalName.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * Where the columns of a table the application names can be looked up: a sharded table's first node, a broadcast
     * table's copy on its first data source, any other table under its own name on the default data source.
     */
    public DataNode representative(String logicalName) {
        Optional<TableRule> sharded = table(logicalName);
        if (sharded.isPresent()) {
            return sharded.get().nodes().get(0);
        }
        return broadcast(logicalName)
                .map(b -> new DataNode(b.dataSources().get(0), b.logicalTable()))
                .orElseGet(() -> new DataNode(defaultDataSource, logicalName));
    }

    /** True when both tables are in one binding group: sharded alike, so equal keys live on the same shard. */
    public boolean bound(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        for (List<String> group : bindingGroups) {
            if (group.contains(a) && group.contains(b)) {
                return true;
            }
        }
        return false;
    }
}
