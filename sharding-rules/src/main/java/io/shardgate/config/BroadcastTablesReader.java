package io.shardgate.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code broadcastTables}: either a list of table names, each copied to every data source, or a mapping of
 * table name to the data sources holding a copy.
 */
final class BroadcastTablesReader {
    private BroadcastTablesReader() {
    }

    static Map<String, BroadcastTable> read(ConfigNode section, List<String> dataSources, Set<String> shardedTables) {
        Map<String, BroadcastTable> out = new LinkedHashMap<>();
        if (section.isList()) {
            for (ConfigNode item : section.list()) {
                add(out, item, item.name(), dataSources, shardedTables);
            }
            return out;
        }
        for (Map.Entry<String, ConfigNode> entry : section.entries().entries().entrySet()) {
            ConfigNode node = entry.getValue();
            List<String> targets = node.isNull() ? dataSources : dataSources(node, dataSources);
            add(out, node, entry.getKey(), targets, shardedTables);
        }
        return out;
    }

    private static void add(Map<String, BroadcastTable> out, ConfigNode node, String rawName, List<String> targets,
                            Set<String> shardedTables) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (shardedTables.contains(name)) {
            throw node.error("table " + name + " is both sharded (under tables) and broadcast; choose one");
        }
        if (out.put(name, new BroadcastTable(name, targets)) != null) {
            throw node.error("broadcast table " + name + " is listed twice");
        }
    }

    private static List<String> dataSources(ConfigNode node, List<String> defined) {
        List<String> targets = new ArrayList<>();
        for (ConfigNode item : node.listOrOne()) {
            String name = item.name();
            if (!defined.contains(name)) {
                throw item.error("unknown data source " + name + " (defined: " + String.join(", ", defined) + ")"
                        + DidYouMean.hint(name, defined));
            }
            if (targets.contains(name)) {
                throw item.error("data source " + name + " is listed twice");
            }
            targets.add(name);
        }
        if (targets.isEmpty()) {
            throw node.error("no data sources; list where the table is copied, or write the table in a plain list "
                    + "to copy it to every data source");
        }
        return targets;
    }
}
