package io.shardgate.execute.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogPositionTest {

    @Test
    void gtidPositionsCompareSequenceNumbersPerDomain() {
        GtidPosition applied = GtidPosition.parse("0-1-42,1-3-7");
        assertThat(applied.includes(GtidPosition.parse("0-1-42"))).isTrue();
        assertThat(applied.includes(GtidPosition.parse("0-2-41,1-3-7"))).isTrue(); // server id does not matter
        assertThat(applied.includes(GtidPosition.parse("0-1-43"))).isFalse();
        assertThat(applied.includes(GtidPosition.parse("2-1-1"))).isFalse(); // a domain it has not seen
        assertThat(applied.includes(GtidPosition.parse(""))).isTrue();
        assertThat(GtidPosition.parse("").includes(GtidPosition.parse("0-1-1"))).isFalse();
    }

    @Test
    void gtidUnionKeepsTheLaterTransactionOfEachDomain() {
        LogPosition union = GtidPosition.parse("0-1-42,1-3-7").union(GtidPosition.parse("1-3-9,2-4-1"));
        assertThat(union).hasToString("0-1-42,1-3-9,2-4-1");
        assertThat(GtidPosition.parse(null)).hasToString("");
        assertThat(GtidPosition.parse("0-1-18446744073709551615").includes(GtidPosition.parse("0-1-1"))).isTrue();
    }

    @Test
    void malformedGtidIsRefused() {
        assertThatThrownBy(() -> GtidPosition.parse("0-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0-1'");
    }

    @Test
    void walPositionsCompareAsUnsignedOffsets() {
        WalPosition lsn = WalPosition.parse("16/B374D848");
        assertThat(lsn.lsn()).isEqualTo(0x16B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(lsn.includes(WalPosition.parse("16/B374D847"))).isTrue();
        assertThat(lsn.includes(WalPosition.parse("17/0"))).isFalse();
        assertThat(lsn.union(WalPosition.parse("17/0"))).isEqualTo(WalPosition.parse("17/0"));
    }

    @Test
    void positionsOfDifferentKindsNeverIncludeEachOther() {
        assertThat(WalPosition.parse("0/0").includes(GtidPosition.parse(""))).isFalse();
        assertThat(GtidPosition.parse("").includes(WalPosition.parse("0/0"))).isFalse();
    }
}
