package io.shardgate.reshard.meta;

import java.time.Instant;

/**
 * One router's answers to one switch attempt: when it had loaded the new rules (or the error that stopped it),
 * when it held writes with none in flight, when it released them and for how long it held them.
 */
public record SwitchAck(String routerId, Instant preparedAt, String error, Instant heldAt, Instant releasedAt,
                        Long holdMillis) {
}
