package io.shardgate.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code bindingGroups}: tables sharded identically, so rows with equal keys live on the same shard and a
 * join on the shard key never crosses shards. Identical means the same algorithm settings, the same shard count and
 * the same data source for every shard; the router relies on it, so any difference is an error.
 */
final class BindingGroupsReader {
    private BindingGroupsReader() {
    }

    static List<List<String>> read(ConfigNode section, Map<String, TablesReader.ReadTable> tables,
                                   Map<String, BroadcastTable> broadcastTables) {
        List<List<String>> groups = new ArrayList<>();
        Map<String, Integer> groupOf = new HashMap<>();
        for (ConfigNode groupNode : section.list()) {
            List<String> group = new ArrayList<>();
            for (ConfigNode item : groupNode.list()) {
                String name = item.name().toLowerCase(Locale.ROOT);
                check(item, name, tables, broadcastTables);
                if (group.contains(name)) {
                    throw item.error("table " + name + " is listed twice in this group");
                }
                Integer other = groupOf.putIfAbsent(name, groups.size());
                if (other != null) {
                    throw item.error("table " + name + " is already in bindingGroups[" + other + "]; tables bound "
                            + "to a common table are bound to each other, so merge the two groups");
                }
                if (!group.isEmpty()) {
                    requireAlike(item, tables.get(group.get(0)), tables.get(name));
                }
                group.add(name);
            }
            if (group.size() < 2) {
                throw groupNode.error("a binding group needs at least two tables");
            }
            groups.add(group);
        }
        return groups;
    }

    private static void check(ConfigNode item, String name, Map<String, TablesReader.ReadTable> tables,
                              Map<String, BroadcastTable> broadcastTables) {
        if (broadcastTables.containsKey(name)) {
            throw item.error("table " + name + " is a broadcast table; only sharded tables can be bound "
                    + "(a broadcast table joins with anything without binding)");
        }
        if (!tables.containsKey(name)) {
            throw item.error("unknown table " + name + "; binding groups name tables configured under tables"
                    + DidYouMean.hint(name, tables.keySet()));
        }
    }

    private static void requireAlike(ConfigNode item, TablesReader.ReadTable first, TablesReader.ReadTable other) {
        TableRule a = first.rule();
        TableRule b = other.rule();
        String pair = "tables " + a.logicalTable() + " and " + b.logicalTable() + " are not sharded alike: ";
        if (a.nodes().size() != b.nodes().size()) {
            throw item.error(pair + a.nodes().size() + " vs " + b.nodes().size() + " shards");
        }
        if (!first.algorithmIdentity().equals(other.algorithmIdentity())) {
            throw item.error(pair + "algorithm " + a.algorithm() + " vs " + b.algorithm());
        }
        if (a.shardColumns().size() != b.shardColumns().size()) {
            throw item.error(pair + a.shardColumns() + " vs " + b.shardColumns() + " shard key columns");
        }
        for (int shard = 0; shard < a.nodes().size(); shard++) {
            String dsA = a.nodes().get(shard).dataSource();
            String dsB = b.nodes().get(shard).dataSource();
            if (!dsA.equals(dsB)) {
                throw item.error(pair + "shard " + shard + " is in data source " + dsA + " vs " + dsB);
            }
        }
    }
}
