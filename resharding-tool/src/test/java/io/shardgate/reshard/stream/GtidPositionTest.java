package io.shardgate.reshard.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidPositionTest {
    @Test
    void parsesAndPrintsPerDomain() {
        assertThat(GtidPosition.parse("1-2-7, 0-1-42").toString()).isEqualTo("0-1-42,1-2-7");
        assertThat(GtidPosition.parse("").toString()).isEmpty();
        assertThatThrownBy(() -> GtidPosition.parse("0-1")).hasMessageContaining("not a MariaDB GTID position");
    }

    @Test
    void includesComparesSequencesPerDomainWhateverTheServer() {
        GtidPosition applied = GtidPosition.parse("0-1-42,1-2-7");
        assertThat(applied.includes(GtidPosition.parse("0-3-42"))).isTrue();
        assertThat(applied.includes(GtidPosition.parse("0-1-43"))).isFalse();
        assertThat(applied.includes(GtidPosition.parse("2-1-1"))).isFalse();
        assertThat(applied.includes(GtidPosition.parse(""))).isTrue();
        assertThat(applied.transactionsBehind(GtidPosition.parse("0-1-50,1-2-7,2-1-3"))).isEqualTo(11);
    }

    @Test
    void withAdvancesOneDomain() {
        assertThat(GtidPosition.parse("0-1-5").with(0, 1, 6).with(3, 9, 1).toString()).isEqualTo("0-1-6,3-9-1");
    }
}
