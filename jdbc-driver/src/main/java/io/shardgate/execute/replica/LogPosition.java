package io.shardgate.execute.replica;

/**
 * A point in a primary's change log: how far a replica has applied it, or where a session's write ended. Positions
 * of one kind are compared; positions of different kinds never include each other.
 */
sealed interface LogPosition permits GtidPosition, WalPosition {

    /** True when everything up to {@code other} is part of this position. */
    boolean includes(LogPosition other);

    /** The smallest position that includes both. */
    LogPosition union(LogPosition other);
}
