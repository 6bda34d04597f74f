package io.shardgate.rewrite;

import io.shardgate.sql.analyze.InsertShape;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.PreparedText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@code INSERT ... VALUES} that omits its table's key-generator column, rewritten to carry the keys: the
 * column is appended to the column list and a {@code ?} to every row. The keys then travel as ordinary parameters,
 * so the planner routes on them like on any value the application gave (which matters when the generated column
 * is the shard key) and multi-row inserts split per shard as usual.
 */
public final class GeneratedKeyInsert {
    private final String column;
    private final String sql;
    private final int rowCount;
    /** For each marker of the rewritten statement: the caller's parameter index, or {@code -(row + 1)} for a key. */
    private final int[] markerSources;

    private GeneratedKeyInsert(String column, String sql, int rowCount, int[] markerSources) {
        this.column = column;
        this.sql = sql;
        this.rowCount = rowCount;
        this.markerSources = markerSources;
    }

    /** The rewrite of {@code text}, whose analysis is {@code insert} with a non-null generated column. */
    public static GeneratedKeyInsert of(PreparedText text, InsertShape insert, Dialect dialect) {
        String original = text.original();
        int columnListEnd = columnListParenthesis(original, text.toOriginal(insert.columnListEnd()));
        int[] rowEnds = new int[insert.rows().size()];
        for (int r = 0; r < rowEnds.length; r++) {
            rowEnds[r] = text.toOriginal(insert.rows().get(r).span().end()) - 1; // a row's span ends with its ')'
            if (original.charAt(rowEnds[r]) != ')') {
                throw new IllegalStateException("row " + (r + 1) + " does not end with ')' in: " + original);
            }
        }
        StringBuilder out = new StringBuilder(original.length() + insert.generatedColumn().length() + 4 * rowEnds.length);
        out.append(original, 0, columnListEnd).append(", ").append(dialect.quote(insert.generatedColumn()));
        int copied = columnListEnd;
        for (int rowEnd : rowEnds) {
            out.append(original, copied, rowEnd).append(", ?");
            copied = rowEnd;
        }
        out.append(original, copied, original.length());
        return new GeneratedKeyInsert(insert.generatedColumn(), out.toString(), rowEnds.length,
                markerSources(text.userMarkerOffsets(), rowEnds));
    }

    /**
     * The offset of the {@code )} closing the column list, which Calcite reports as ending either on the
     * parenthesis or on the last column name (then the parenthesis follows, after blanks or a comment).
     */
    private static int columnListParenthesis(String sql, int near) {
        int at = near > 0 && sql.charAt(near - 1) == ')' ? near - 1 : near;
        while (at < sql.length() && sql.charAt(at) != ')') {
            at++;
        }
        if (at == sql.length()) {
            throw new IllegalStateException("no ')' closes the column list in: " + sql);
        }
        return at;
    }

    /** Merges the caller's markers and the added ones by position: a key marker ends each row. */
    private static int[] markerSources(int[] userMarkerOffsets, int[] rowEnds) {
        int[] sources = new int[userMarkerOffsets.length + rowEnds.length];
        int user = 0;
        int row = 0;
        for (int i = 0; i < sources.length; i++) {
            if (row < rowEnds.length && (user == userMarkerOffsets.length || rowEnds[row] < userMarkerOffsets[user])) {
                sources[i] = -(row + 1);
                row++;
            } else {
                sources[i] = user++;
            }
        }
        return sources;
    }

    /** The generated column, lower case. */
    public String column() {
        return column;
    }

    /** The rewritten statement. */
    public String sql() {
        return sql;
    }

    /** Rows of the INSERT: one key is needed for each. */
    public int rowCount() {
        return rowCount;
    }

    /**
     * The parameters of the rewritten statement: the caller's (by 0-based marker index; missing ones stay null so
     * the planner reports them) with {@code keys.get(row)} placed at each row's added marker.
     */
    public <T> List<T> parameters(List<T> params, List<T> keys) {
        if (keys.size() != rowCount) {
            throw new IllegalArgumentException(rowCount + " keys needed, " + keys.size() + " given");
        }
        List<T> out = new ArrayList<>(markerSources.length);
        for (int source : markerSources) {
            out.add(source < 0 ? keys.get(-source - 1) : source < params.size() ? params.get(source) : null);
        }
        return out;
    }

    @Override
    public String toString() {
        return sql + " " + Arrays.toString(markerSources);
    }
}
