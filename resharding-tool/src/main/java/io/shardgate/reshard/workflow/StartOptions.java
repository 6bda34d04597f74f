package io.shardgate.reshard.workflow;

/**
 * Settings of one run of {@code start}.
 *
 * @param chunkSize         rows per copy chunk (one read, one write per target, one checkpoint)
 * @param maxRowsPerSecond  copy rate limit in source rows scanned per second; 0 for none
 * @param untilCaughtUp     stop once the stream has applied every source's current binlog position
 */
public record StartOptions(int chunkSize, long maxRowsPerSecond, boolean untilCaughtUp) {
}
