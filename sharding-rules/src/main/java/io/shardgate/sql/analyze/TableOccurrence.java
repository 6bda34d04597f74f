package io.shardgate.sql.analyze;

/**
 * A place in the statement where a logical table name stands and must become a physical one: a FROM/INTO/UPDATE
 * table, or the qualifier of a column ({@code orders.id}). {@code quoted} keeps the user's identifier quoting.
 */
public record TableOccurrence(String logicalTable, Span span, boolean quoted) {
}
