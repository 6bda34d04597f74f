package io.shardgate.config;

import java.time.Duration;

/**
 * How reads of a data source use its replicas.
 *
 * @param policy        replica choice: {@code round_robin}, {@code random}, {@code weighted} or {@code least_busy}
 * @param maxLag        a replica lagging more than this is skipped
 * @param readYourWrites after a session writes: {@code none}, {@code primary_window} (read the primary for
 *                      {@code primaryWindow}) or {@code wait_for_replica} (wait for the session's GTID / LSN)
 * @param primaryWindow how long reads stay on the primary after a write with {@code primary_window}
 */
public record ReadConfig(String policy, Duration maxLag, String readYourWrites, Duration primaryWindow) {
    public static final ReadConfig DEFAULTS =
            new ReadConfig("round_robin", Duration.ofSeconds(5), "primary_window", Duration.ofSeconds(1));
}
