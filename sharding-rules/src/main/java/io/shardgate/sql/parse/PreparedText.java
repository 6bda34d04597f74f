package io.shardgate.sql.parse;

import io.shardgate.sql.StatementKind;

/**
 * One statement after the pre-classifier: its kind, the cache key (the text with normalizable literals replaced
 * by {@code ?}), the text handed to Calcite (same length as the original, with normalized literals replaced by a
 * padded {@code ?} and MySQL-only clauses blanked, so Calcite's positions are positions in the original), and
 * the value slots: Calcite's dynamic parameter {@code i} is user parameter {@code slotUserIndex[i]}, or, when
 * that is -1, the literal {@code slotLiteral[i]}.
 */
public record PreparedText(
        String original,
        StatementKind kind,
        String cacheKey,
        String calciteText,
        int[] literalStarts,
        int[] literalEnds,
        int[] slotUserIndex,
        Object[] slotLiterals,
        int userParameterCount,
        int[] userMarkerOffsets,
        Flags flags) {

    /** MySQL-only clauses found and blanked for Calcite, and hints. */
    public record Flags(boolean primaryHint, boolean lockingRead, boolean insertIgnore, boolean replace,
                        int onDuplicateKeyStart, int dmlLimitStart, int firstUserParamInTail) {
        public boolean hasOnDuplicateKeyUpdate() {
            return onDuplicateKeyStart >= 0;
        }
    }

    /** The value of every slot for one execution, given the user's parameter values. */
    public java.util.List<Object> slotValues(java.util.List<?> params) {
        return new java.util.AbstractList<>() {
            @Override
            public Object get(int i) {
                int user = slotUserIndex[i];
                if (user < 0) {
                    return slotLiterals[i];
                }
                if (user >= params.size()) {
                    throw new IllegalArgumentException("no value bound for parameter " + (user + 1));
                }
                return params.get(user);
            }

            @Override
            public int size() {
                return slotUserIndex.length;
            }
        };
    }

    /** Position in the original text of a position in cache-key coordinates. */
    public int toOriginal(int keyPosition) {
        int p = keyPosition;
        for (int i = 0; i < literalStarts.length; i++) {
            int keyStartOfLiteral = literalStarts[i] - (p - keyPosition);
            if (keyStartOfLiteral < keyPosition) {
                p += literalEnds[i] - literalStarts[i] - 1;
            } else {
                break;
            }
        }
        return p;
    }

    /**
     * Position in cache-key coordinates of a position in the original text. A position inside a normalized
     * literal can only be the end of a node Calcite saw as the literal's {@code ?}: it maps to just after it.
     */
    public int toKey(int originalPosition) {
        int shift = 0;
        for (int i = 0; i < literalStarts.length && literalStarts[i] < originalPosition; i++) {
            if (originalPosition < literalEnds[i]) {
                return literalStarts[i] - shift + 1;
            }
            shift += literalEnds[i] - literalStarts[i] - 1;
        }
        return originalPosition - shift;
    }
}
