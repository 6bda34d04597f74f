package io.shardgate.reshard.meta;

import java.time.Instant;

/** A router (driver instance or proxy) known to the metadata store, with the rules version it runs. */
public record RouterRegistration(String routerId, String kind, String host, long rulesVersion, Instant registeredAt,
                                 Instant heartbeatAt) {
}
