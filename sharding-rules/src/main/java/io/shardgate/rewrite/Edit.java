package io.shardgate.rewrite;

/**
 * Replace {@code [start, end)} of the original statement with what {@code emitter} writes. Zero-width edits
 * insert text.
 */
public record Edit(int start, int end, Emitter emitter) implements Comparable<Edit> {

    /** Writes the replacement; may copy other spans of the original through the renderer. */
    @FunctionalInterface
    public interface Emitter {
        void emit(SqlRenderer renderer);
    }

    public static Edit replace(int start, int end, String text) {
        return new Edit(start, end, r -> r.append(text));
    }

    @Override
    public int compareTo(Edit o) {
        return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
    }
}
