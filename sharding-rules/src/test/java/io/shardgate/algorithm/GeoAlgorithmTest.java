package io.shardgate.algorithm;

import io.shardgate.algorithm.GeoAlgorithm.Region;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.shardgate.algorithm.ModAlgorithmTest.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeoAlgorithmTest {
    private final GeoAlgorithm geo = new GeoAlgorithm(List.of(
            new Region("eu", List.of("DE", "fr", "IT"), List.of(0, 1, 2)),
            new Region("us", List.of("US", "CA"), List.of(3)),
            new Region("apac", List.of("JP", "AU"), List.of(5, 4))), Optional.empty());

    @Test
    void regionsOwnTheirShards() {
        assertThat(geo.shardCount()).isEqualTo(6);
        assertThat(geo.columnCount()).isEqualTo(2);
        assertThat(geo.shardFor(List.of("US", 42L))).isEqualTo(3);
        assertThat(geo.shardFor(List.of("ca", "anything"))).isEqualTo(3);
        assertThat(geo.shardsForValue(0, "de")).isEqualTo(bits(0, 1, 2));
        assertThat(geo.shardsForValue(0, "AU")).isEqualTo(bits(4, 5));
    }

    @Test
    void secondColumnIsHashedEvenlyOverTheRegionsShards() {
        HashAlgorithm threeWay = HashAlgorithm.evenly(3);
        for (long id = 0; id < 100; id++) {
            assertThat(geo.shardFor(List.of("FR", id))).isEqualTo(threeWay.shardFor(List.of(id)));
        }
        HashAlgorithm twoWay = HashAlgorithm.evenly(2);
        assertThat(geo.shardFor(List.of("JP", "k"))).isEqualTo(List.of(5, 4).get(twoWay.shardFor(List.of("k"))));
    }

    @Test
    void hashedValueAloneSelectsOneShardPerRegion() {
        BitSet expected = new BitSet();
        expected.set(geo.shardFor(List.of("DE", 7L)));
        expected.set(3);
        expected.set(geo.shardFor(List.of("JP", 7L)));
        assertThat(geo.shardsForValue(1, 7L)).isEqualTo(expected).hasToString(expected.toString());
        assertThat(geo.shardsForValue(1, 7L).cardinality()).isEqualTo(3);
    }

    @Test
    void aWriteForARegionNeverLandsOutsideItsShards() {
        Random random = new Random(5);
        String[] codes = {"DE", "fr", "It", "US", "ca", "JP", "au"};
        for (int i = 0; i < 20_000; i++) {
            String code = codes[random.nextInt(codes.length)];
            Object key = random.nextBoolean() ? (Object) random.nextLong() : Long.toHexString(random.nextLong());
            int shard = geo.shardFor(List.of(code, key));
            assertThat(geo.shardsForValue(0, code).get(shard)).as("%s %s -> %d", code, key, shard).isTrue();
            assertThat(geo.shardsForValue(1, key).get(shard)).isTrue();
        }
    }

    @Test
    void unknownRegionGoesToTheDefaultOrIsRefused() {
        assertThatThrownBy(() -> geo.shardFor(List.of("BR", 1L)))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'BR'")
                .hasMessageContaining("no default region");
        GeoAlgorithm withDefault = new GeoAlgorithm(List.of(
                new Region("eu", List.of("DE"), List.of(0)), new Region("us", List.of("US"), List.of(1))),
                Optional.of("us"));
        assertThat(withDefault.columnCount()).isEqualTo(1);
        assertThat(withDefault.shardFor(List.of("BR"))).isEqualTo(1);
        assertThat(withDefault.shardFor(List.of("de"))).isZero();
        assertThatThrownBy(() -> withDefault.shardFor(List.of(49)))
                .isInstanceOf(ShardingException.class).hasMessageContaining("'49' (Integer)");
    }

    @Test
    void refusesAmbiguousRegions() {
        assertThatThrownBy(() -> new GeoAlgorithm(List.of(new Region("eu", List.of("DE"), List.of(0)),
                new Region("dach", List.of("de"), List.of(1))), Optional.empty()))
                .hasMessageContaining("region code DE is in both region eu and region dach");
        assertThatThrownBy(() -> new GeoAlgorithm(List.of(new Region("eu", List.of("DE"), List.of(0, 1)),
                new Region("us", List.of("US"), List.of(1))), Optional.empty()))
                .hasMessageContaining("shard 1 is in both region eu and region us");
        assertThatThrownBy(() -> new GeoAlgorithm(List.of(new Region("eu", List.of("DE"), List.of(0)),
                new Region("us", List.of("US"), List.of(2))), Optional.empty()))
                .hasMessageContaining("shard 1 belongs to no region");
        assertThatThrownBy(() -> new GeoAlgorithm(List.of(new Region("eu", List.of("DE"), List.of(0))),
                Optional.of("mars")))
                .hasMessageContaining("default region mars is not defined");
        assertThatThrownBy(() -> new GeoAlgorithm(List.of(new Region("eu", List.of("DE"), List.of())),
                Optional.empty()))
                .hasMessageContaining("region eu has no shards");
    }
}
