package io.shardgate.reshard.meta;

import java.util.Locale;

/**
 * Which way a change stream copies: FORWARD from the current layout into the target tables until cutover, REVERSE
 * from the target tables back into the old layout after it, so that a rollback loses nothing.
 */
public enum StreamDirection {
    FORWARD,
    REVERSE;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
