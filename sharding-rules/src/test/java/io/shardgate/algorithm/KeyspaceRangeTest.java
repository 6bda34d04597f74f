package io.shardgate.algorithm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceRangeTest {

    @Test
    void parsesVitessNotation() {
        assertThat(KeyspaceRange.parse("-")).isEqualTo(KeyspaceRange.FULL);
        assertThat(KeyspaceRange.parse("-80")).isEqualTo(new KeyspaceRange(0, 0x8000_0000_0000_0000L));
        assertThat(KeyspaceRange.parse("80-")).isEqualTo(new KeyspaceRange(0x8000_0000_0000_0000L, 0));
        assertThat(KeyspaceRange.parse("40-80").toString()).isEqualTo("40-80");
    }

    @Test
    void containsIsHalfOpenAndUnsigned() {
        KeyspaceRange lower = KeyspaceRange.parse("-80");
        KeyspaceRange upper = KeyspaceRange.parse("80-");
        assertThat(lower.contains(0)).isTrue();
        assertThat(lower.contains(0x7fff_ffff_ffff_ffffL)).isTrue();
        assertThat(lower.contains(0x8000_0000_0000_0000L)).isFalse();
        assertThat(upper.contains(0x8000_0000_0000_0000L)).isTrue();
        assertThat(upper.contains(-1L)).isTrue();
        assertThat(KeyspaceRange.FULL.contains(-1L)).isTrue();
    }

    @Test
    void halvesSplitAtTheMiddle() {
        assertThat(KeyspaceRange.FULL.halves()).hasToString("[-80, 80-]");
        assertThat(KeyspaceRange.parse("-80").halves()).hasToString("[-40, 40-80]");
        assertThat(KeyspaceRange.parse("c0-").halves()).hasToString("[c0-e0, e0-]");
    }

    @Test
    void refusesMalformedAndEmptyRanges() {
        assertThatThrownBy(() -> KeyspaceRange.parse("80")).hasMessageContaining("'80'")
                .hasMessageContaining("start-end");
        assertThatThrownBy(() -> KeyspaceRange.parse("80-40")).hasMessageContaining("80-40")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> KeyspaceRange.parse("80-80")).hasMessageContaining("empty");
        assertThatThrownBy(() -> KeyspaceRange.parse("x-")).hasMessageContaining("'x-'");
    }
}
