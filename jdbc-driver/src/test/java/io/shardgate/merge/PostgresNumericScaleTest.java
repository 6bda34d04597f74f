package io.shardgate.merge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected scales are what PostgreSQL 15 prints for the same division (e.g. {@code SELECT 3::numeric / 2}). */
class PostgresNumericScaleTest {

    @Test
    void divisionScaleMatchesPostgres() {
        // SELECT 3::numeric / 2 -> 1.5000000000000000
        assertThat(PostgresNumericScale.ofDivision(new BigDecimal("3"), new BigDecimal("2"))).isEqualTo(16);
        // SELECT 1::numeric / 3 -> 0.33333333333333333333 (20 decimals: quotient below 1)
        assertThat(PostgresNumericScale.ofDivision(new BigDecimal("1"), new BigDecimal("3"))).isEqualTo(20);
        // SELECT 100.50 / 3 -> 33.5000000000000000
        assertThat(PostgresNumericScale.ofDivision(new BigDecimal("100.50"), new BigDecimal("3"))).isEqualTo(16);
        // SELECT 123456.78 / 1500 -> 82.3045200000000000
        assertThat(PostgresNumericScale.ofDivision(new BigDecimal("123456.78"), new BigDecimal("1500"))).isEqualTo(16);
        // SELECT 1000000::numeric / 7 -> 142857.142857142857
        assertThat(PostgresNumericScale.ofDivision(new BigDecimal("1000000"), new BigDecimal("7"))).isEqualTo(12);
    }

    @Test
    void weightsCountBase10000Groups() {
        assertThat(PostgresNumericScale.weight(new BigDecimal("9999"))).isZero();
        assertThat(PostgresNumericScale.weight(new BigDecimal("10000"))).isEqualTo(1);
        assertThat(PostgresNumericScale.weight(new BigDecimal("0.05"))).isEqualTo(-1);
        assertThat(PostgresNumericScale.firstDigit(new BigDecimal("0.05"))).isEqualTo(500);
        assertThat(PostgresNumericScale.firstDigit(new BigDecimal("123456.78"))).isEqualTo(12);
    }
}
