package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadTest {

    @ParameterizedTest
    @CsvSource({
            "0, 00",
            "250, fa",
            "251, fcfb00",
            "65535, fcffff",
            "65536, fd000001",
            "16777215, fdffffff",
            "16777216, fe0000000100000000",
            "-1, feffffffffffffffff"})
    void lengthEncodedIntegersAtEveryWidthBoundary(long value, String hex) throws ProtocolException {
        byte[] encoded = new PayloadWriter().lenencInt(value).toByteArray();
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(hex);
        PayloadReader in = new PayloadReader(encoded);
        assertThat(in.lenencInt()).isEqualTo(value);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void fixedIntegersAreLittleEndian() throws ProtocolException {
        byte[] encoded = new PayloadWriter().int1(0xAB).int2(0x1234).int3(0x563412).int4(0xDEADBEEFL)
                .int8(0x0102030405060708L).toByteArray();
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("ab3412123456efbeadde0807060504030201");
        PayloadReader in = new PayloadReader(encoded);
        assertThat(in.int1()).isEqualTo(0xAB);
        assertThat(in.int2()).isEqualTo(0x1234);
        assertThat(in.int3()).isEqualTo(0x563412);
        assertThat(in.int4()).isEqualTo(0xDEADBEEF);
        assertThat(in.int8()).isEqualTo(0x0102030405060708L);
    }

    @Test
    void stringsRoundTripAsUtf8() throws ProtocolException {
        byte[] encoded = new PayloadWriter().lenencString("grüße ✓").nulString("root").lenencString("")
                .restString("rest").toByteArray();
        PayloadReader in = new PayloadReader(encoded);
        assertThat(in.lenencString()).isEqualTo("grüße ✓");
        assertThat(in.nulString()).isEqualTo("root");
        assertThat(in.lenencString()).isEmpty();
        assertThat(in.restString()).isEqualTo("rest");
    }

    @Test
    void writerGrowsAndResets() {
        PayloadWriter w = new PayloadWriter(16);
        w.zeros(100_000).int1(1);
        assertThat(w.length()).isEqualTo(100_001);
        assertThat(w.reset().int1(7).toByteArray()).containsExactly(7);
    }

    @Test
    void shortOrLyingInputIsMalformed() {
        assertThatThrownBy(() -> new PayloadReader(new byte[] {1}).int2()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("int<2>");
        assertThatThrownBy(() -> new PayloadReader(new byte[] {(byte) 0xFF}).lenencInt())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("0xff");
        assertThatThrownBy(() -> new PayloadReader(new byte[] {(byte) 0xFE, -1, -1, -1, -1, -1, -1, -1, -1, 1})
                .lenencBytes()).isInstanceOf(ProtocolException.class).hasMessageContaining("18446744073709551615");
        assertThatThrownBy(() -> new PayloadReader(new byte[] {5, 'a'}).lenencString())
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> new PayloadReader(new byte[] {'a', 'b'}).nulString())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new PayloadReader(new byte[0]).int1()).isInstanceOf(ProtocolException.class);
    }
}
