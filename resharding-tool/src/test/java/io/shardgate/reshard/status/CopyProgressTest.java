package io.shardgate.reshard.status;

import io.shardgate.reshard.meta.CopyCheckpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CopyProgressTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void rateCountsTheCurrentRunAndEtaTheEstimatedRest() {
        // resumed at 4,000 rows; 6,000 more in 3 s; 10,000 of ~20,000 left
        CopyProgress progress = new CopyProgress(new CopyCheckpoint("t", "ds0.t", "[\"9\"]", 10_000, 5_000, 20_000,
                false, T0, 4_000, T0.plusSeconds(3)));
        assertThat(progress.rate()).hasValue(2000.0);
        assertThat(progress.eta()).hasValue(Duration.ofSeconds(5));
        assertThat(progress.fraction()).isEqualTo(0.5);
    }

    @Test
    void anEstimateTooLowNeverShowsDoneBeforeTheCopyIs() {
        CopyProgress past = new CopyProgress(new CopyCheckpoint("t", "ds0.t", null, 30_000, 0, 20_000, false, T0, 0,
                T0.plusSeconds(1)));
        assertThat(past.fraction()).isEqualTo(0.99);
        assertThat(past.eta()).isEmpty();
        assertThat(ProgressBar.of(0.5, 10)).isEqualTo("[#####.....]  50%");
    }
}
