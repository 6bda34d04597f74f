package io.shardgate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Millisecond samples summarized as min, p50, p90, p99 and max (nearest rank). */
final class Distribution {
    private final List<Long> samples = new ArrayList<>();

    void add(long millis) {
        samples.add(millis);
    }

    int count() {
        return samples.size();
    }

    /** The sample at percentile {@code p} (0..100) by nearest rank. */
    long percentile(double p) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** A markdown table row: name, count, min, p50, p90, p99, max in ms. */
    String row(String name) {
        if (samples.isEmpty()) {
            return "| " + name + " | 0 | | | | | |";
        }
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |", name, count(),
                Collections.min(samples), percentile(50), percentile(90), percentile(99), Collections.max(samples));
    }

    static String header() {
        return "| write pause (ms) | switches | min | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|";
    }
}
