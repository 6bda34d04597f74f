package io.shardgate.rewrite;

import io.shardgate.route.ExecutionUnit;
import io.shardgate.sql.parse.PreparedText;

import java.util.Arrays;
import java.util.List;

/**
 * Writes a physical statement by splicing edits into the original text, so comments, hints and everything the
 * router did not need to touch reach the shard exactly as the application wrote them. It also records which of
 * the caller's parameters the copied text carries, in the order they now appear.
 */
public final class SqlRenderer {

    private final PreparedText text;
    private final List<Edit> edits;
    private final StringBuilder out;
    private int[] params;
    private int paramCount;

    /** {@code edits} are in original-text coordinates, sorted and not overlapping. */
    public SqlRenderer(PreparedText text, List<Edit> edits) {
        this.text = text;
        this.edits = edits;
        this.out = new StringBuilder(text.original().length() + 16);
        this.params = new int[text.userParameterCount()];
    }

    /** Renders the whole statement. */
    public ExecutionUnit render(String dataSource) {
        copy(0, text.original().length());
        return new ExecutionUnit(dataSource, out.toString(),
                paramCount == params.length ? params : Arrays.copyOf(params, paramCount));
    }

    /** Copies {@code [from, to)} of the original, applying the edits that lie inside it. */
    public void copy(int from, int to) {
        int pos = from;
        for (Edit e : edits) {
            if (e.start() < from || e.end() > to || e.start() < pos) {
                continue;
            }
            copyRaw(pos, e.start());
            e.emitter().emit(this);
            pos = e.end();
        }
        copyRaw(pos, to);
    }

    public void append(String s) {
        out.append(s);
    }

    private void copyRaw(int from, int to) {
        if (from >= to) {
            return;
        }
        out.append(text.original(), from, to);
        int[] markers = text.userMarkerOffsets();
        int i = lowerBound(markers, from);
        for (; i < markers.length && markers[i] < to; i++) {
            if (paramCount == params.length) {
                params = Arrays.copyOf(params, Math.max(4, params.length * 2));
            }
            params[paramCount++] = i;
        }
    }

    private static int lowerBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
