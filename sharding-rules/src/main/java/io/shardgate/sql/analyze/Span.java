package io.shardgate.sql.analyze;

/** A half-open range {@code [start, end)} of the statement in cache-key coordinates. */
public record Span(int start, int end) implements Comparable<Span> {
    @Override
    public int compareTo(Span o) {
        return Integer.compare(start, o.start);
    }
}
