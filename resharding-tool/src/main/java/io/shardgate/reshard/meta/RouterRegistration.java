package io.shardgate.reshard.meta;

import java.time.Instant;

/** A router (driver instance or proxy) known to the metadata store, with the rules version it runs. */
public record RouterRegistration(String routerId, String kind, String host, long pid, long rulesVersion,
                                 Instant registeredAt, Instant heartbeatAt) {
    /** How reports name it: id, host and process, so an operator can find it. */
    public String describe() {
        return routerId + " (" + kind + " on " + host + ", pid " + pid + ")";
    }
}
