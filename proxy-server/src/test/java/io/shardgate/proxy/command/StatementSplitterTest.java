package io.shardgate.proxy.command;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementSplitterTest {

    private static List<String> split(String sql, boolean backslashEscapes) {
        StatementSplitter splitter = new StatementSplitter(sql, backslashEscapes);
        List<String> out = new ArrayList<>();
        for (String s = splitter.next(); s != null; s = splitter.next()) {
            out.add(s);
        }
        assertThat(splitter.hasNext()).isFalse();
        return out;
    }

    private static List<String> split(String sql) {
        return split(sql, true);
    }

    @Test
    void splitsAtTopLevelSemicolons() {
        assertThat(split("INSERT INTO t VALUES (1); SELECT * FROM t;\nUPDATE t SET a = 2"))
                .containsExactly("INSERT INTO t VALUES (1)", "SELECT * FROM t", "UPDATE t SET a = 2");
    }

    @Test
    void trailingSemicolonsAndEmptyStatementsAreSkipped() {
        assertThat(split("SELECT 1;")).containsExactly("SELECT 1");
        assertThat(split(" ; SELECT 1 ;; ;\n SELECT 2 ; \n")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(split(";;  ")).isEmpty();
        assertThat(split("")).isEmpty();
    }

    @Test
    void semicolonsInsideLiteralsAndIdentifiersDoNotSplit() {
        assertThat(split("SELECT 'a;b', \"c;d\", `e;f` FROM t; SELECT 2"))
                .containsExactly("SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 2");
    }

    @Test
    void doubledQuotesStayInsideTheLiteral() {
        assertThat(split("SELECT 'it''s;'; SELECT \"say \"\"hi;\"\"\"; SELECT `a``;b`"))
                .containsExactly("SELECT 'it''s;'", "SELECT \"say \"\"hi;\"\"\"", "SELECT `a``;b`");
    }

    @Test
    void backslashEscapesAQuoteUnlessNoBackslashEscapes() {
        String sql = "SELECT 'a\\'; SELECT 1'; SELECT 2";
        assertThat(split(sql, true)).containsExactly("SELECT 'a\\'; SELECT 1'", "SELECT 2");
        // with NO_BACKSLASH_ESCAPES the backslash is a character and the quote after it closes the literal
        assertThat(split(sql, false)).containsExactly("SELECT 'a\\'", "SELECT 1'; SELECT 2");
    }

    @Test
    void backslashesDoNotEscapeInsideBacktickIdentifiers() {
        assertThat(split("SELECT `a\\`; SELECT 2")).containsExactly("SELECT `a\\`", "SELECT 2");
    }

    @Test
    void semicolonsInsideCommentsDoNotSplit() {
        assertThat(split("SELECT 1 -- one; two\n; SELECT 2 # three; four\n; SELECT /* five; */ 3"))
                .containsExactly("SELECT 1 -- one; two", "SELECT 2 # three; four", "SELECT /* five; */ 3");
        assertThat(split("SELECT /*!40101 1; */ 1; SELECT /*+ BKA(t); */ 2"))
                .containsExactly("SELECT /*!40101 1; */ 1", "SELECT /*+ BKA(t); */ 2");
    }

    @Test
    void doubleDashWithoutSpaceIsNotAComment() {
        assertThat(split("SELECT 1--1; SELECT 2")).containsExactly("SELECT 1--1", "SELECT 2");
    }

    @Test
    void statementsKeepTheirLeadingCommentsAndCommentOnlyPiecesAreSkipped() {
        assertThat(split("/* app */ SELECT 1; -- only a comment\n; # another\n; /* a; b */ SELECT 2"))
                .containsExactly("/* app */ SELECT 1", "/* a; b */ SELECT 2");
    }

    @Test
    void executableCommentsAreStatements() {
        assertThat(split("/*!40101 SET NAMES utf8mb4 */; /*M!100100 SELECT 1 */;"))
                .containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100100 SELECT 1 */");
    }

    @Test
    void unterminatedLiteralsAndCommentsRunToTheEnd() {
        assertThat(split("SELECT 'open; SELECT 2")).containsExactly("SELECT 'open; SELECT 2");
        assertThat(split("SELECT 1 /* open; SELECT 2")).containsExactly("SELECT 1 /* open; SELECT 2");
        assertThat(split("SELECT 'ends in a backslash\\")).containsExactly("SELECT 'ends in a backslash\\");
    }

    @Test
    void hasNextLooksPastEmptyStatementsAndNextOffsetPointsAtTheFollowingOne() {
        String sql = "SELECT 1; -- nothing\n ;  SELECT 2;";
        StatementSplitter splitter = new StatementSplitter(sql, true);
        assertThat(splitter.next()).isEqualTo("SELECT 1");
        assertThat(splitter.hasNext()).isTrue();
        assertThat(splitter.nextOffset()).isEqualTo(sql.indexOf("SELECT 2"));
        assertThat(splitter.next()).isEqualTo("SELECT 2");
        assertThat(splitter.hasNext()).isFalse();
        assertThat(splitter.nextOffset()).isEqualTo(sql.length());
    }
}
