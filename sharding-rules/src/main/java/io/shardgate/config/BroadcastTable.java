package io.shardgate.config;

import java.util.List;

/** A small table copied in full to each listed data source: every write goes to all, a read to any one. */
public record BroadcastTable(String logicalTable, List<String> dataSources) {
    public BroadcastTable {
        dataSources = List.copyOf(dataSources);
    }
}
