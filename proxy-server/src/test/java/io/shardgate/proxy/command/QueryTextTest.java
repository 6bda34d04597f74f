package io.shardgate.proxy.command;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTextTest {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Test
    void utf8TextIsDecodedAsItIs() {
        String sql = "SELECT 'grüße \\' ✓', `weird``name` FROM t";
        assertThat(QueryText.decode(sql.getBytes(StandardCharsets.UTF_8), true)).isEqualTo(sql);
    }

    @Test
    void binaryLiteralsBecomeHexWithBackslashEscapes() {
        byte[] sql = bytes("INSERT INTO t VALUES (1, _binary '", 0xFF, "\\0\\'\\\\", 0xFB, "', 'ok')");
        assertThat(QueryText.decode(sql, true)).isEqualTo("INSERT INTO t VALUES (1, X'ff00275cfb', 'ok')");
    }

    @Test
    void binaryLiteralsBecomeHexWithDoubledQuotes() {
        byte[] sql = bytes("SELECT '", 0xC3, "''\\", "' AS b, \"", 0x80, "\"");
        assertThat(QueryText.decode(sql, false)).isEqualTo("SELECT X'c3275c' AS b, X'80'");
    }

    @Test
    void quotesInsideIdentifiersDoNotStartLiterals() {
        byte[] sql = bytes("SELECT `it's` FROM t WHERE b = '", 0xFE, "'");
        assertThat(QueryText.decode(sql, true)).isEqualTo("SELECT `it's` FROM t WHERE b = X'fe'");
    }
}
