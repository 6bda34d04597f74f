package io.shardgate.algorithm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Explicit value ranges: each shard owns one or more half-open ranges {@code [from, to)} of numbers, dates or
 * strings ({@link RangeValueType}). The ranges may leave gaps; a key in a gap, below the first or above the last
 * range goes to the optional overflow shard, or is refused. Range conditions prune to exactly the shards whose
 * ranges they meet.
 */
public final class RangeAlgorithm implements ShardingAlgorithm {

    /**
     * One shard's range {@code [from, to)} as configured; a {@code null} bound is unbounded. Bound values may be of
     * any Java type the rule's {@link RangeValueType} reads.
     */
    public record Bound(int shard, Object from, Object to) {
    }

    /** A range with normalized bounds; {@code shard} is -1 for a gap. */
    private record Segment(int shard, Object from, Object to) {
    }

    private final RangeValueType type;
    private final List<Segment> segments;
    private final List<Segment> gaps;
    private final OptionalInt overflowShard;
    private final int shardCount;

    private RangeAlgorithm(RangeValueType type, List<Segment> segments, OptionalInt overflowShard, int shardCount) {
        this.type = type;
        this.segments = List.copyOf(segments);
        this.overflowShard = overflowShard;
        this.shardCount = shardCount;
        this.gaps = gapsBetween(type, this.segments);
    }

    /**
     * A rule from each shard's range, in any order, plus an optional overflow shard for keys outside every range.
     * Shards are {@code 0..n-1} and each must own a range or be the overflow shard.
     *
     * @throws IllegalArgumentException naming the offending range when a bound cannot be read, a range is empty,
     *                                  two ranges overlap, or a shard index is negative or unused
     */
    public static RangeAlgorithm of(RangeValueType type, List<Bound> bounds, OptionalInt overflowShard) {
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("no ranges: a range rule needs at least one");
        }
        if (overflowShard.isPresent() && overflowShard.getAsInt() < 0) {
            throw new IllegalArgumentException("overflow shard " + overflowShard.getAsInt() + " is negative");
        }
        List<Segment> segments = new ArrayList<>(bounds.size());
        for (Bound bound : bounds) {
            segments.add(normalize(type, bound));
        }
        Comparator<Object> values = type::compare;
        segments.sort(Comparator.comparing(Segment::from, Comparator.nullsFirst(values)));
        for (int i = 1; i < segments.size(); i++) {
            Segment previous = segments.get(i - 1);
            Segment current = segments.get(i);
            if (previous.to() == null || current.from() == null || type.compare(current.from(), previous.to()) < 0) {
                throw new IllegalArgumentException("range " + describe(current) + " overlaps " + describe(previous));
            }
        }
        int highest = Math.max(overflowShard.orElse(-1),
                segments.stream().mapToInt(Segment::shard).max().orElseThrow());
        if (highest > bounds.size()) { // n ranges and an overflow shard use at most n + 1 shards
            throw new IllegalArgumentException("shard " + highest + " is out of range: with " + bounds.size()
                    + " range(s) shards are numbered 0.." + bounds.size() + " at most, without holes");
        }
        int shardCount = highest + 1;
        BitSet used = new BitSet(shardCount);
        segments.forEach(s -> used.set(s.shard()));
        overflowShard.ifPresent(used::set);
        int unused = used.nextClearBit(0);
        if (unused < shardCount) {
            throw new IllegalArgumentException("shard " + unused + " owns no range and is not the overflow shard; "
                    + "shards are numbered 0.." + (shardCount - 1) + " without holes");
        }
        return new RangeAlgorithm(type, segments, overflowShard, shardCount);
    }

    /**
     * The common layout of ascending split points {@code b0 < b1 < ...}: shard 0 owns everything below
     * {@code b0}, shard {@code i} owns {@code [b(i-1), b(i))}, and the last shard everything from the last point.
     */
    public static RangeAlgorithm splitAt(RangeValueType type, List<?> splitPoints) {
        List<Bound> bounds = new ArrayList<>(splitPoints.size() + 1);
        Object from = null;
        for (int i = 0; i < splitPoints.size(); i++) {
            bounds.add(new Bound(i, from, splitPoints.get(i)));
            from = splitPoints.get(i);
        }
        bounds.add(new Bound(splitPoints.size(), from, null));
        return of(type, bounds, OptionalInt.empty());
    }

    private static Segment normalize(RangeValueType type, Bound bound) {
        if (bound.shard() < 0) {
            throw new IllegalArgumentException("range " + rangeText(bound.from(), bound.to()) + " names shard "
                    + bound.shard() + "; shard indexes start at 0");
        }
        Object from;
        Object to;
        try {
            from = bound.from() == null ? null : type.normalize(bound.from());
            to = bound.to() == null ? null : type.normalize(bound.to());
        } catch (ShardingException e) {
            throw new IllegalArgumentException("range " + rangeText(bound.from(), bound.to()) + " of shard "
                    + bound.shard() + ": " + e.getMessage(), e);
        }
        if (from != null && to != null && type.compare(from, to) >= 0) {
            throw new IllegalArgumentException("range " + rangeText(bound.from(), bound.to()) + " of shard "
                    + bound.shard() + " is empty: from must be below to (to is exclusive)");
        }
        return new Segment(bound.shard(), from, to);
    }

    /** The uncovered intervals of sorted, non-overlapping segments: below the first, between, above the last. */
    private static List<Segment> gapsBetween(RangeValueType type, List<Segment> sorted) {
        List<Segment> gaps = new ArrayList<>();
        Segment first = sorted.get(0);
        if (first.from() != null) {
            gaps.add(new Segment(-1, null, first.from()));
        }
        for (int i = 1; i < sorted.size(); i++) {
            Object end = sorted.get(i - 1).to();
            Object start = sorted.get(i).from();
            if (type.compare(end, start) < 0) {
                gaps.add(new Segment(-1, end, start));
            }
        }
        Segment last = sorted.get(sorted.size() - 1);
        if (last.to() != null) {
            gaps.add(new Segment(-1, last.to(), null));
        }
        return gaps;
    }

    public RangeValueType valueType() {
        return type;
    }

    public OptionalInt overflowShard() {
        return overflowShard;
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    @Override
    public int shardFor(List<Object> key) {
        Object raw = key.get(0);
        if (raw == null) {
            throw new ShardingException("shard key is NULL; a range rule needs a value (ranges: " + rangesText()
                    + ")");
        }
        Object value = type.normalize(raw);
        Segment owner = segmentContaining(value);
        if (owner != null) {
            return owner.shard();
        }
        if (overflowShard.isPresent()) {
            return overflowShard.getAsInt();
        }
        throw new ShardingException("shard key " + KeyValues.describe(raw) + " is outside every range of the rule ("
                + rangesText() + ") and no overflow shard is configured");
    }

    private Segment segmentContaining(Object value) {
        int low = 0;
        int high = segments.size() - 1;
        Segment candidate = null;
        while (low <= high) { // last segment whose lower bound is at or below the value
            int middle = (low + high) >>> 1;
            Segment s = segments.get(middle);
            if (s.from() == null || type.compare(s.from(), value) <= 0) {
                candidate = s;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return candidate != null && (candidate.to() == null || type.compare(value, candidate.to()) < 0)
                ? candidate : null;
    }

    /** Exactly the shards whose ranges meet {@code range}, plus the overflow shard when it reaches a gap. */
    @Override
    public BitSet shardsForRange(int column, KeyRange range) {
        Object lower = range.lower() == null ? null : type.normalize(range.lower());
        Object upper = range.upper() == null ? null : type.normalize(range.upper());
        BitSet selected = new BitSet(shardCount);
        for (Segment s : segments) {
            if (meets(s, lower, upper, range.upperInclusive())) {
                selected.set(s.shard());
            }
        }
        if (overflowShard.isPresent() && gaps.stream().anyMatch(g -> meets(g, lower, upper, range.upperInclusive()))) {
            selected.set(overflowShard.getAsInt());
        }
        return selected;
    }

    /**
     * Whether {@code [from, to)} may hold a value within the condition's bounds. Exact for dense values; for
     * integers it can keep a shard an open bound excludes ({@code > 9} against {@code [0, 10)}), which is safe.
     */
    private boolean meets(Segment s, Object lower, Object upper, boolean upperInclusive) {
        boolean belowTo = lower == null || s.to() == null || type.compare(lower, s.to()) < 0;
        if (!belowTo) {
            return false;
        }
        if (upper == null || s.from() == null) {
            return true;
        }
        int c = type.compare(s.from(), upper);
        return upperInclusive ? c <= 0 : c < 0;
    }

    private String rangesText() {
        String ranges = segments.stream().map(RangeAlgorithm::describe).collect(Collectors.joining(", "));
        return overflowShard.isPresent() ? ranges + ", otherwise shard " + overflowShard.getAsInt() : ranges;
    }

    private static String describe(Segment s) {
        return rangeText(s.from(), s.to()) + " -> shard " + s.shard();
    }

    private static String rangeText(Object from, Object to) {
        return (from == null ? "(-inf" : "[" + plain(from)) + ", " + (to == null ? "+inf)" : plain(to) + ")");
    }

    private static String plain(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeAlgorithm other && type == other.type && segments.equals(other.segments)
                && overflowShard.equals(other.overflowShard);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, segments, overflowShard);
    }

    @Override
    public String toString() {
        return "range(" + type.configName() + ": " + rangesText() + ")";
    }
}
