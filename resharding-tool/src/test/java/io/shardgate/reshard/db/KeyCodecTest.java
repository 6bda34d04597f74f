package io.shardgate.reshard.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyCodecTest {
    @Test
    void roundTripsTextBinaryAndNull() {
        Object[] key = {"42", "a \"quoted\" \\ é\n", new byte[] {0, (byte) 0xff}, null};
        String json = KeyCodec.encode(key);
        assertThat(json).isEqualTo("[\"42\",\"a \\\"quoted\\\" \\\\ é\\n\",{\"hex\":\"00ff\"},null]");
        assertThat(KeyCodec.decode(json)).containsExactly(key);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> KeyCodec.decode("[\"1\"] x")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> KeyCodec.decode("[1]")).hasMessageContaining("expected a string");
    }

    @Test
    void afterKeyExpandsRowComparisons() {
        assertThat(Sql.afterKey(java.util.List.of("a"), ">")).isEqualTo("((`a` > ?))");
        assertThat(Sql.afterKey(java.util.List.of("a", "b"), "<="))
                .isEqualTo("((`a` < ?) OR (`a` = ? AND `b` <= ?))");
        assertThat(Sql.afterKeyParameters(new Object[] {"x", "y"})).containsExactly("x", "x", "y");
    }
}
