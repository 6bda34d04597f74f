package io.shardgate.sql.parse;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The one place Calcite's parser is called; turns its exceptions into {@link SqlSyntaxException}. */
public final class CalciteParser {

    private CalciteParser() {
    }

    public static SqlNode parse(PreparedText text, Dialect dialect) {
        try {
            return SqlParser.create(text.calciteText(), dialect.parserConfig()).parseStmt();
        } catch (SqlParseException e) {
            SqlParserPos pos = e.getPos();
            int offset = pos == null ? -1 : new LineIndex(text.original()).offset(pos.getLineNum(), pos.getColumnNum());
            String first = firstLine(e.getMessage());
            throw new SqlSyntaxException("SQL syntax error: " + first + near(text.original(), offset), offset);
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String near(String sql, int offset) {
        if (offset < 0 || offset >= sql.length()) {
            return "";
        }
        int end = Math.min(sql.length(), offset + 40);
        return " near '" + sql.substring(offset, end) + "'";
    }
}
