package io.shardgate.reshard.workflow;

import java.time.Duration;

/**
 * Settings of one run of {@code start}.
 *
 * @param chunkSize         rows per copy chunk (one read, one write per target, one checkpoint)
 * @param maxRowsPerSecond  copy rate limit in source rows scanned per second; 0 for none
 * @param maxReplicaLag     the copy waits while a replica of a source or target data source lags more than this,
 *                          the stream while a replica of a data source it writes to does; zero for never
 * @param untilCaughtUp     stop once the stream has applied every source's current binlog position
 */
public record StartOptions(int chunkSize, long maxRowsPerSecond, Duration maxReplicaLag, boolean untilCaughtUp) {
}
