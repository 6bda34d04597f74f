package io.shardgate.route;

/**
 * How a statement is routed. Each opcode states what it requires of the statement.
 */
public enum Opcode {
    /** Every sharded table's key conditions resolve to one shard: the statement runs there unchanged but for
     *  table names, and its result needs no merging. */
    SINGLE_SHARD,
    /** Key conditions (IN lists, ranges, OR) resolve to more than one but not all shards; results are merged. */
    MULTI_SHARD,
    /** No usable key condition: every shard runs the statement; results are merged. */
    SCATTER,
    /** A write to a broadcast table, or DDL on a sharded or broadcast table: it runs on every copy / physical
     *  table and the update counts are reported as one copy's. */
    BROADCAST,
    /** Only unsharded tables (or none): passed to the default data source untouched. */
    UNSHARDED,
    /** Key conditions exclude every shard (e.g. {@code id = 1 AND id = 2}, or a key outside every range): no
     *  row can match. Reads still run once, on one shard, so the result carries its columns. */
    NONE,
    /** Session or transaction control ({@code BEGIN}, {@code SET}, {@code USE}, ...): handled by the session,
     *  no execution units. */
    SESSION
}
