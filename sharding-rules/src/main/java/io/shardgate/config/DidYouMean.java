package io.shardgate.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known name closest to a misspelled one, so a typo in a key is reported with its fix. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** {@code " (did you mean 'x'?)"} for a close candidate, otherwise empty. */
    static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    static Optional<String> closest(String typed, Collection<String> candidates) {
        String needle = typed.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a third of the length keeps suggestions for typos but not for unrelated words
        return best != null && bestDistance <= Math.max(1, needle.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein edit distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
