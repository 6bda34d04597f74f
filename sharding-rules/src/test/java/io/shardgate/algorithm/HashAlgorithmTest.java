package io.shardgate.algorithm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashAlgorithmTest {

    @Test
    void evenlySplitsTheSpaceIntoEqualRanges() {
        assertThat(HashAlgorithm.evenly(1).ranges()).containsExactly("-");
        assertThat(HashAlgorithm.evenly(2).ranges()).containsExactly("-80", "80-");
        assertThat(HashAlgorithm.evenly(4).ranges()).containsExactly("-40", "40-80", "80-c0", "c0-");
        assertThat(HashAlgorithm.evenly(3).ranges())
                .containsExactly("-5555555555555555", "5555555555555555-aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa-");
    }

    @Test
    void explicitRangesEqualTheSameEvenLayout() {
        assertThat(HashAlgorithm.ofRanges(List.of("-40", "40-80", "80-c0", "c0-"))).isEqualTo(HashAlgorithm.evenly(4));
        assertThat(HashAlgorithm.ofRanges(List.of("-8000", "8000-"))).isEqualTo(HashAlgorithm.evenly(2));
    }

    @Test
    void shardIsTheRangeHoldingTheKeyspaceId() {
        HashAlgorithm hash = HashAlgorithm.evenly(2);
        assertThat(hash.shardFor(List.of(0L))).isZero(); // fmix64(0) = 0
        assertThat(hash.shardFor(List.of(1L))).isEqualTo(1); // 0xb456...
        assertThat(hash.shardFor(List.of(2L))).isZero(); // 0x3abf...
        assertThat(hash.shardFor(List.of("hello"))).isEqualTo(1); // 0xcbd8...
        assertThat(hash.shardForKeyspaceId(0x7fff_ffff_ffff_ffffL)).isZero();
        assertThat(hash.shardForKeyspaceId(0x8000_0000_0000_0000L)).isEqualTo(1);
        assertThat(hash.shardForKeyspaceId(-1L)).isEqualTo(1);
    }

    @Test
    void unevenRangesAreAllowed() {
        HashAlgorithm hash = HashAlgorithm.ofRanges(List.of("-40", "40-80", "80-"));
        assertThat(hash.shardCount()).isEqualTo(3);
        assertThat(hash.shardForKeyspaceId(0x3fff_ffff_ffff_ffffL)).isZero();
        assertThat(hash.shardForKeyspaceId(0x4000_0000_0000_0000L)).isEqualTo(1);
        assertThat(hash.shardForKeyspaceId(0xf000_0000_0000_0000L)).isEqualTo(2);
    }

    @Test
    void everyKeyMapsToExactlyOneShard() {
        Random random = new Random(7);
        for (HashAlgorithm hash : List.of(HashAlgorithm.evenly(1), HashAlgorithm.evenly(3), HashAlgorithm.evenly(16),
                HashAlgorithm.ofRanges(List.of("-10", "10-3f00", "3f00-40", "40-f0", "f0-ff", "ff-")))) {
            for (int i = 0; i < 20_000; i++) {
                Object key = i % 2 == 0 ? (Object) random.nextLong() : randomString(random);
                long id = KeyspaceId.of(key);
                List<Integer> owners = new ArrayList<>();
                for (int shard = 0; shard < hash.shardCount(); shard++) {
                    if (hash.keyspaceRanges().get(shard).contains(id)) {
                        owners.add(shard);
                    }
                }
                assertThat(owners).as("owners of %s in %s", key, hash).containsExactly(hash.shardFor(List.of(key)));
            }
        }
    }

    @Test
    void splittingAShardMovesOnlyItsKeysEachToOneHalf() {
        Random random = new Random(11);
        for (int round = 0; round < 50; round++) {
            HashAlgorithm before = HashAlgorithm.evenly(1 + random.nextInt(8));
            int split = random.nextInt(before.shardCount());
            List<String> ranges = new ArrayList<>();
            for (int shard = 0; shard < before.shardCount(); shard++) {
                KeyspaceRange range = before.keyspaceRanges().get(shard);
                if (shard == split) {
                    range.halves().forEach(half -> ranges.add(half.toString()));
                } else {
                    ranges.add(range.toString());
                }
            }
            HashAlgorithm after = HashAlgorithm.ofRanges(ranges);
            for (int i = 0; i < 2_000; i++) {
                Object key = random.nextBoolean() ? (Object) random.nextLong() : randomString(random);
                int old = before.shardFor(List.of(key));
                int now = after.shardFor(List.of(key));
                if (old < split) {
                    assertThat(now).isEqualTo(old);
                } else if (old > split) {
                    assertThat(now).isEqualTo(old + 1);
                } else {
                    assertThat(now).isIn(split, split + 1);
                }
            }
        }
    }

    @Test
    void spreadsSequentialKeysEvenly() {
        HashAlgorithm hash = HashAlgorithm.evenly(4);
        int[] counts = new int[4];
        for (long id = 1; id <= 40_000; id++) {
            counts[hash.shardFor(List.of(id))]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_500, 10_500);
        }
    }

    @Test
    void refusesRangesThatDoNotTileTheSpace() {
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of("-40", "80-")))
                .hasMessageContaining("range 80- leaves a gap after -40");
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of("-80", "40-")))
                .hasMessageContaining("range 40- overlaps -80");
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of("80-", "-80")))
                .hasMessageContaining("range 80- is first");
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of("-40", "40-80")))
                .hasMessageContaining("range 40-80 is last");
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of("-", "80-")))
                .hasMessageContaining("range 80- comes after -");
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of("-8", "8-")))
                .hasMessageContaining("'-8'");
        assertThatThrownBy(() -> HashAlgorithm.ofRanges(List.of()))
                .hasMessageContaining("no ranges");
        assertThatThrownBy(() -> HashAlgorithm.evenly(0)).hasMessageContaining("at least one shard");
    }

    private static String randomString(Random random) {
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
