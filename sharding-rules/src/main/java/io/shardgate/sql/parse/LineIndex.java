package io.shardgate.sql.parse;

import org.apache.calcite.sql.parser.SqlParserPos;

/** Converts Calcite's 1-based line/column positions to offsets in the statement text. */
public final class LineIndex {
    private final int[] lineStarts;

    public LineIndex(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    public int offset(int line, int column) {
        return lineStarts[line - 1] + column - 1;
    }

    /** Start offset of a node (inclusive). */
    public int start(SqlParserPos pos) {
        return offset(pos.getLineNum(), pos.getColumnNum());
    }

    /** End offset of a node (exclusive). */
    public int end(SqlParserPos pos) {
        return offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
    }
}
