package io.shardgate.algorithm;

import io.shardgate.algorithm.RangeAlgorithm.Bound;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static io.shardgate.algorithm.ModAlgorithmTest.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeAlgorithmTest {
    private final RangeAlgorithm withOverflow = RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
            new Bound(0, null, 10001), new Bound(1, 10001, 20001)), OptionalInt.of(2));
    private final RangeAlgorithm withGap = RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
            new Bound(1, 200, 300), new Bound(0, 0, 100), new Bound(2, 300, 400)), OptionalInt.empty());

    @Test
    void keyGoesToTheRangeHoldingIt() {
        assertThat(withOverflow.shardCount()).isEqualTo(3);
        assertThat(withOverflow.shardFor(List.of(-5))).isZero();
        assertThat(withOverflow.shardFor(List.of(10000L))).isZero();
        assertThat(withOverflow.shardFor(List.of(10001L))).isEqualTo(1);
        assertThat(withOverflow.shardFor(List.of(new BigDecimal("20000.5")))).isEqualTo(1);
        assertThat(withOverflow.shardFor(List.of(BigInteger.valueOf(20001)))).isEqualTo(2);
        assertThat(withOverflow.shardFor(List.of(15000.0d))).isEqualTo(1);
    }

    @Test
    void numericStringsAreReadAsNumbers() {
        assertThat(withOverflow.shardFor(List.of("15000"))).isEqualTo(1);
        assertThatThrownBy(() -> withOverflow.shardFor(List.of("abc")))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'abc'").hasMessageContaining("number");
    }

    @Test
    void keyOutsideEveryRangeWithoutOverflowIsRefused() {
        assertThat(withGap.shardFor(List.of(250))).isEqualTo(1);
        assertThatThrownBy(() -> withGap.shardFor(List.of(150)))
                .isInstanceOf(ShardingException.class)
                .hasMessageContaining("'150'")
                .hasMessageContaining("[0, 100) -> shard 0, [200, 300) -> shard 1, [300, 400) -> shard 2");
        assertThatThrownBy(() -> withGap.shardFor(List.of(400))).isInstanceOf(ShardingException.class);
        assertThatThrownBy(() -> withGap.shardFor(List.of(-1))).isInstanceOf(ShardingException.class);
    }

    @Test
    void splitPointsMakeTheCommonLayout() {
        RangeAlgorithm split = RangeAlgorithm.splitAt(RangeValueType.NUMBER, List.of(10001, 20001));
        assertThat(split.shardCount()).isEqualTo(3);
        assertThat(split.shardFor(List.of(1))).isZero();
        assertThat(split.shardFor(List.of(10001))).isEqualTo(1);
        assertThat(split.shardFor(List.of(99999999))).isEqualTo(2);
        assertThat(split).isEqualTo(RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, null, new BigDecimal("10001.0")), new Bound(1, 10001L, "20001"),
                new Bound(2, 20001, null)), OptionalInt.empty()));
    }

    @Test
    void datesOfEveryJdbcShapeCompare() {
        RangeAlgorithm byMonth = RangeAlgorithm.splitAt(RangeValueType.DATE, List.of("2024-02-01", "2024-03-01"));
        assertThat(byMonth.shardFor(List.of(LocalDate.of(2024, 1, 31)))).isZero();
        assertThat(byMonth.shardFor(List.of(LocalDateTime.of(2024, 1, 31, 23, 59, 59)))).isZero();
        assertThat(byMonth.shardFor(List.of(java.sql.Date.valueOf("2024-02-01")))).isEqualTo(1);
        assertThat(byMonth.shardFor(List.of(Timestamp.valueOf("2024-02-29 12:00:00")))).isEqualTo(1);
        assertThat(byMonth.shardFor(List.of("2024-03-01"))).isEqualTo(2);
        assertThat(byMonth.shardFor(List.of("2024-02-15T08:30"))).isEqualTo(1);
        assertThat(byMonth.shardFor(List.of("2024-02-29 23:59:59.999"))).isEqualTo(1);
        assertThatThrownBy(() -> byMonth.shardFor(List.of("next tuesday")))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'next tuesday'");
        assertThatThrownBy(() -> byMonth.shardFor(List.of(42)))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'42' (Integer)");
    }

    @Test
    void stringsCompareByCodePoint() {
        RangeAlgorithm byName = RangeAlgorithm.splitAt(RangeValueType.STRING, List.of("a", "n"));
        assertThat(byName.shardFor(List.of("Zed"))).isZero(); // upper case sorts before lower case
        assertThat(byName.shardFor(List.of("alice"))).isEqualTo(1);
        assertThat(byName.shardFor(List.of("n"))).isEqualTo(2);
        RangeAlgorithm high = RangeAlgorithm.splitAt(RangeValueType.STRING, List.of("\uffff"));
        // U+1F600 is above U+FFFF as a code point (and in UTF-8), although its first UTF-16 unit is below
        assertThat(high.shardFor(List.of("\ud83d\ude00"))).isEqualTo(1);
        assertThatThrownBy(() -> byName.shardFor(List.of(5))).isInstanceOf(ShardingException.class);
    }

    @Test
    void rangeConditionsPruneToTheShardsTheyMeet() {
        assertThat(withGap.shardsForRange(0, KeyRange.between(50, 250))).isEqualTo(bits(0, 1));
        assertThat(withGap.shardsForRange(0, KeyRange.between(120, 180)).isEmpty()).isTrue();
        assertThat(withGap.shardsForRange(0, KeyRange.lessThan(200))).isEqualTo(bits(0));
        assertThat(withGap.shardsForRange(0, KeyRange.atMost(200))).isEqualTo(bits(0, 1));
        assertThat(withGap.shardsForRange(0, KeyRange.greaterThan(300))).isEqualTo(bits(2));
        assertThat(withGap.shardsForRange(0, KeyRange.atLeast("299.5"))).isEqualTo(bits(1, 2));
        assertThat(withOverflow.shardsForRange(0, KeyRange.lessThan(5))).isEqualTo(bits(0));
        assertThat(withOverflow.shardsForRange(0, KeyRange.between(15000, 20000))).isEqualTo(bits(1));
        assertThat(withOverflow.shardsForRange(0, KeyRange.between(15000, 20001))).isEqualTo(bits(1, 2));
        assertThat(withOverflow.shardsForRange(0, KeyRange.atLeast(0))).isEqualTo(bits(0, 1, 2));
    }

    @Test
    void overflowIsPrunedInWhenTheRangeReachesAGap() {
        RangeAlgorithm gapAndOverflow = RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, 0, 100), new Bound(1, 200, 300)), OptionalInt.of(2));
        assertThat(gapAndOverflow.shardsForRange(0, KeyRange.between(10, 20))).isEqualTo(bits(0));
        assertThat(gapAndOverflow.shardsForRange(0, KeyRange.between(10, 150))).isEqualTo(bits(0, 2));
        assertThat(gapAndOverflow.shardsForRange(0, KeyRange.lessThan(5))).isEqualTo(bits(0, 2));
        assertThat(gapAndOverflow.shardsForRange(0, KeyRange.between(210, 220))).isEqualTo(bits(1));
        assertThat(gapAndOverflow.shardFor(List.of(150))).isEqualTo(2);
    }

    @Test
    void pruningNeverDropsAShardThatCouldHoldAMatchingRow() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            RangeAlgorithm rule = randomRule(random);
            for (int q = 0; q < 50; q++) {
                long lo = random.nextInt(1200) - 100;
                long hi = lo + random.nextInt(400);
                boolean loInclusive = random.nextBoolean();
                boolean hiInclusive = random.nextBoolean();
                boolean openBelow = random.nextInt(6) == 0;
                boolean openAbove = random.nextInt(6) == 0;
                KeyRange range = new KeyRange(openBelow ? null : asRandomType(random, lo), loInclusive,
                        openAbove ? null : asRandomType(random, hi), hiInclusive);
                BitSet pruned = rule.shardsForRange(0, range);
                for (int k = 0; k < 30; k++) {
                    long key = openBelow ? lo - random.nextInt(500) : lo + random.nextInt((int) (hi - lo + 1));
                    if (openAbove && random.nextBoolean()) {
                        key = hi + random.nextInt(500);
                    }
                    boolean inside = (openBelow || key > lo || key == lo && loInclusive)
                            && (openAbove || key < hi || key == hi && hiInclusive);
                    if (!inside) {
                        continue;
                    }
                    int shard;
                    try {
                        shard = rule.shardFor(List.of(asRandomType(random, key)));
                    } catch (ShardingException noShard) {
                        continue; // in a gap without overflow: no row can exist there
                    }
                    assertThat(pruned.get(shard)).as("key %d in %s of %s, pruned to %s", key, range, rule, pruned)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void refusesBadRanges() {
        assertThatThrownBy(() -> RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, null, 100), new Bound(1, 50, 200)), OptionalInt.empty()))
                .hasMessageContaining("range [50, 200) -> shard 1 overlaps (-inf, 100) -> shard 0");
        assertThatThrownBy(() -> RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, 100, 100)), OptionalInt.empty()))
                .hasMessageContaining("range [100, 100) of shard 0 is empty");
        assertThatThrownBy(() -> RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, null, 100), new Bound(2, 100, null)), OptionalInt.empty()))
                .hasMessageContaining("shard 1 owns no range");
        assertThatThrownBy(() -> RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, null, 100), new Bound(7, 100, null)), OptionalInt.empty()))
                .hasMessageContaining("shard 7 is out of range");
        assertThatThrownBy(() -> RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(-1, null, 100)), OptionalInt.empty()))
                .hasMessageContaining("shard -1");
        assertThatThrownBy(() -> RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new Bound(0, "ten", 100)), OptionalInt.empty()))
                .hasMessageContaining("'ten'");
        assertThatThrownBy(() -> RangeAlgorithm.splitAt(RangeValueType.DATE, List.of("2024-13-01")))
                .hasMessageContaining("'2024-13-01'");
    }

    /** Up to five ranges over 0..1000 with random gaps, shards shuffled, sometimes an overflow shard. */
    private static RangeAlgorithm randomRule(Random random) {
        int count = 1 + random.nextInt(5);
        List<Integer> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(i);
        }
        java.util.Collections.shuffle(shards, random);
        List<Bound> bounds = new ArrayList<>();
        long from = random.nextInt(100);
        for (int i = 0; i < count; i++) {
            long to = from + 1 + random.nextInt(200);
            boolean openBelow = i == 0 && random.nextBoolean();
            boolean openAbove = i == count - 1 && random.nextBoolean();
            bounds.add(new Bound(shards.get(i), openBelow ? null : asRandomType(random, from),
                    openAbove ? null : asRandomType(random, to)));
            from = to + (random.nextBoolean() ? 0 : random.nextInt(50));
        }
        OptionalInt overflow = random.nextBoolean() ? OptionalInt.of(count) : OptionalInt.empty();
        return RangeAlgorithm.of(RangeValueType.NUMBER, bounds, overflow);
    }

    private static Object asRandomType(Random random, long value) {
        return switch (random.nextInt(5)) {
            case 0 -> (int) value;
            case 1 -> value;
            case 2 -> new BigDecimal(value).setScale(random.nextInt(3));
            case 3 -> BigInteger.valueOf(value);
            default -> Long.toString(value);
        };
    }
}
