package io.shardgate.algorithm;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceIdTest {

    @Test
    void integerKeysUseFmix64OfTheirValue() {
        assertThat(KeyspaceId.of(0L)).isZero();
        assertThat(KeyspaceId.of(1L)).isEqualTo(0xb456bcfc34c2cb2cL);
        assertThat(KeyspaceId.of(42L)).isEqualTo(0x810879608e4259ccL);
        assertThat(KeyspaceId.of(-1L)).isEqualTo(0x64b5720b4b825f21L);
    }

    @Test
    void everyIntegerTypeOfTheSameValueHasTheSameId() {
        long expected = KeyspaceId.of(42L);
        assertThat(KeyspaceId.of(42)).isEqualTo(expected);
        assertThat(KeyspaceId.of((short) 42)).isEqualTo(expected);
        assertThat(KeyspaceId.of((byte) 42)).isEqualTo(expected);
        assertThat(KeyspaceId.of(BigInteger.valueOf(42))).isEqualTo(expected);
        assertThat(KeyspaceId.of(new BigDecimal("42.000"))).isEqualTo(expected);
        assertThat(KeyspaceId.of(42.0d)).isEqualTo(expected);
    }

    @Test
    void stringKeysUseTheFirstWordOfMurmur3OfUtf8() {
        assertThat(KeyspaceId.of("")).isZero();
        assertThat(KeyspaceId.of("hello")).isEqualTo(0xcbd8a7b341bd9b02L);
        assertThat(KeyspaceId.of("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xcbd8a7b341bd9b02L);
    }

    @Test
    void aCanonicalIntegerStringLandsWhereTheIntegerDoes() {
        assertThat(KeyspaceId.of("42")).isEqualTo(KeyspaceId.of(42L));
        assertThat(KeyspaceId.of("-7")).isEqualTo(KeyspaceId.of(-7L));
        assertThat(KeyspaceId.of("0")).isEqualTo(KeyspaceId.of(0L));
        assertThat(KeyspaceId.of(String.valueOf(Long.MIN_VALUE))).isEqualTo(KeyspaceId.of(Long.MIN_VALUE));
    }

    @Test
    void otherNumericLookingStringsAreHashedAsText() {
        for (String text : new String[] {"042", "+42", "4.2", "-0", " 42", "99999999999999999999"}) {
            assertThat(KeyspaceId.of(text)).as(text).isEqualTo(KeyspaceId.ofString(text));
        }
    }

    @Test
    void distinctIntegersNeverCollide() {
        Set<Long> ids = new HashSet<>();
        for (long key = -50_000; key < 50_000; key++) {
            ids.add(KeyspaceId.of(key));
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void refusesValuesItCannotHashExactly() {
        assertThatThrownBy(() -> KeyspaceId.of(new BigDecimal("1.5")))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'1.5'").hasMessageContaining("integer");
        assertThatThrownBy(() -> KeyspaceId.of(BigInteger.ONE.shiftLeft(64)))
                .isInstanceOf(ShardingException.class).hasMessageContaining("18446744073709551616")
                .hasMessageContaining("range");
        assertThatThrownBy(() -> KeyspaceId.of(null)).isInstanceOf(ShardingException.class)
                .hasMessageContaining("NULL");
        assertThatThrownBy(() -> KeyspaceId.of(LocalDate.of(2024, 1, 1))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("2024-01-01").hasMessageContaining("LocalDate");
    }

    @Test
    void hexPrefixesAreBytesAtTheTopOfTheSpace() {
        assertThat(KeyspaceId.parseHex("")).isZero();
        assertThat(KeyspaceId.parseHex("80")).isEqualTo(0x8000_0000_0000_0000L);
        assertThat(KeyspaceId.parseHex("40")).isEqualTo(0x4000_0000_0000_0000L);
        assertThat(KeyspaceId.parseHex("C0")).isEqualTo(0xc000_0000_0000_0000L);
        assertThat(KeyspaceId.parseHex("0c")).isEqualTo(0x0c00_0000_0000_0000L);
        assertThat(KeyspaceId.parseHex("8000")).isEqualTo(0x8000_0000_0000_0000L);
        assertThat(KeyspaceId.parseHex("0123456789abcdef")).isEqualTo(0x0123456789abcdefL);
    }

    @Test
    void formatIsTheShortestPrefix() {
        assertThat(KeyspaceId.format(0)).isEmpty();
        assertThat(KeyspaceId.format(0x8000_0000_0000_0000L)).isEqualTo("80");
        assertThat(KeyspaceId.format(0x0c00_0000_0000_0000L)).isEqualTo("0c");
        assertThat(KeyspaceId.format(0x5555_5555_5555_5555L)).isEqualTo("5555555555555555");
        assertThat(KeyspaceId.format(0x1200_0000_0000_0001L)).isEqualTo("1200000000000001");
        for (String prefix : new String[] {"", "80", "0c", "4000000001", "ffffffffffffffff"}) {
            assertThat(KeyspaceId.format(KeyspaceId.parseHex(prefix))).isEqualTo(prefix);
        }
    }

    @Test
    void refusesMalformedPrefixes() {
        assertThatThrownBy(() -> KeyspaceId.parseHex("8")).hasMessageContaining("'8'").hasMessageContaining("even");
        assertThatThrownBy(() -> KeyspaceId.parseHex("8g")).hasMessageContaining("'g'");
        assertThatThrownBy(() -> KeyspaceId.parseHex("000000000000000000"))
                .hasMessageContaining("at most 16");
    }
}
