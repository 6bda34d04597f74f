package io.shardgate.config;

/** One physical table in one data source: where a shard of a logical table lives. */
public record DataNode(String dataSource, String physicalTable) {
    @Override
    public String toString() {
        return dataSource + "." + physicalTable;
    }
}
