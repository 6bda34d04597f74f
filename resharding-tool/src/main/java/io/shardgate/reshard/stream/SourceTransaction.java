package io.shardgate.reshard.stream;

import java.util.List;

/**
 * One committed transaction from a source's binlog: its GTID, the source's commit time, and the rows of moving
 * tables it touched (often none: the position still advances).
 */
record SourceTransaction(String dataSource, long domain, long server, long sequence, long timestampMillis,
                         List<Touch> touches) {
}
