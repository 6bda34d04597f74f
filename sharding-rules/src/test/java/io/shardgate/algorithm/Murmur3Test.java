package io.shardgate.algorithm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference vectors of MurmurHash3_x64_128 (seed 0) and fmix64: shard placement depends on them never changing. */
class Murmur3Test {

    private static long[] hash(String text) {
        return Murmur3.hash128(text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void emptyInputHashesToZero() {
        assertThat(hash("")).containsExactly(0L, 0L);
    }

    @Test
    void shortInputUsesOnlyTheFirstTailWord() {
        assertThat(hash("hello")).containsExactly(0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L);
    }

    @Test
    void tailLongerThanEightBytesUsesBothTailWords() {
        assertThat(hash("Shardgate")).containsExactly(0xdb915f4e91f02195L, 0x509cc635f0a387b0L);
    }

    @Test
    void wholeBlocksAndTail() {
        // the widely published vector for this sentence
        assertThat(hash("The quick brown fox jumps over the lazy dog"))
                .containsExactly(0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L);
    }

    @Test
    void multiByteUtf8() {
        assertThat(hash("\u00e9\u4e2d\ud83d\ude00")).containsExactly(0x6d0d080e9fa83bd3L, 0x3a0a365e342a9a48L);
    }

    @Test
    void fmix64Vectors() {
        assertThat(Murmur3.fmix64(0)).isZero();
        assertThat(Murmur3.fmix64(1)).isEqualTo(0xb456bcfc34c2cb2cL);
        assertThat(Murmur3.fmix64(2)).isEqualTo(0x3abf2a20650683e7L);
        assertThat(Murmur3.fmix64(-1)).isEqualTo(0x64b5720b4b825f21L);
        assertThat(Murmur3.fmix64(42)).isEqualTo(0x810879608e4259ccL);
    }
}
