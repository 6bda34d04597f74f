package io.shardgate.reshard.meta;

import java.time.Instant;

/**
 * How far the change stream has applied one source data source's binlog: {@code gtid} is a MariaDB GTID position
 * ({@code domain-server-sequence}, comma-separated per domain) up to and including the last applied transaction.
 * {@code lastEventAt} is the source's timestamp of that transaction (null before the first), used for lag.
 */
public record StreamPosition(String dataSource, String gtid, long eventsApplied, Instant lastEventAt,
                             Instant updatedAt) {
}
