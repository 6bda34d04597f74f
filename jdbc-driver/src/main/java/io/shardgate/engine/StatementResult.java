package io.shardgate.engine;

/** What a statement produced: rows, or a count of changed rows. */
public sealed interface StatementResult permits QueryResult, UpdateCount {
}
