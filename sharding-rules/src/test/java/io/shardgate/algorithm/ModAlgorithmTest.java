package io.shardgate.algorithm;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModAlgorithmTest {
    private final ModAlgorithm mod = new ModAlgorithm(4);

    @Test
    void shardIsTheFloorModulus() {
        assertThat(mod.shardFor(List.of(9L))).isEqualTo(1);
        assertThat(mod.shardFor(List.of(-1))).isEqualTo(3);
        assertThat(mod.shardFor(List.of(new BigDecimal("10.00")))).isEqualTo(2);
        assertThat(mod.shardFor(List.of(BigInteger.ONE.shiftLeft(70).add(BigInteger.valueOf(3))))).isEqualTo(3);
        assertThat(mod.shardFor(List.of("11"))).isEqualTo(3);
    }

    @Test
    void refusesNonIntegers() {
        assertThatThrownBy(() -> mod.shardFor(List.of(new BigDecimal("1.5"))))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'1.5'").hasMessageContaining("integer");
        assertThatThrownBy(() -> mod.shardFor(List.of("abc"))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("'abc'");
    }

    @Test
    void narrowRangesPruneToTheirResidues() {
        assertThat(mod.shardsForRange(0, KeyRange.between(5, 6))).isEqualTo(bits(1, 2));
        assertThat(mod.shardsForRange(0, new KeyRange(5L, false, 8L, false))).isEqualTo(bits(2, 3));
        assertThat(mod.shardsForRange(0, KeyRange.between(new BigDecimal("4.5"), new BigDecimal("6.5"))))
                .isEqualTo(bits(1, 2));
        assertThat(mod.shardsForRange(0, KeyRange.between(7, "9"))).isEqualTo(bits(0, 1, 3));
    }

    @Test
    void wideOrOpenRangesSelectEveryShard() {
        assertThat(mod.shardsForRange(0, KeyRange.between(5, 8))).isEqualTo(bits(0, 1, 2, 3));
        assertThat(mod.shardsForRange(0, KeyRange.atLeast(5))).isEqualTo(bits(0, 1, 2, 3));
        assertThat(mod.shardsForRange(0, KeyRange.lessThan(5))).isEqualTo(bits(0, 1, 2, 3));
    }

    @Test
    void emptyRangeSelectsNothing() {
        assertThat(mod.shardsForRange(0, KeyRange.between(6, 5)).isEmpty()).isTrue();
        assertThat(mod.shardsForRange(0, new KeyRange(5, false, 6, false)).isEmpty()).isTrue();
    }

    @Test
    void prunedShardsHoldEveryKeyOfTheRange() {
        for (long lo = -10; lo < 10; lo++) {
            for (long hi = lo; hi < lo + 6; hi++) {
                BitSet pruned = mod.shardsForRange(0, KeyRange.between(lo, hi));
                for (long key = lo; key <= hi; key++) {
                    assertThat(pruned.get(mod.shardFor(List.of(key)))).isTrue();
                }
            }
        }
    }

    static BitSet bits(int... shards) {
        BitSet out = new BitSet();
        for (int s : shards) {
            out.set(s);
        }
        return out;
    }
}
