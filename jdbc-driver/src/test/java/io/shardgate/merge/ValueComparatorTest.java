package io.shardgate.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.sql.parse.Dialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValueComparatorTest {
    private final ValueComparator mysql = ValueComparator.forDialect(Dialect.MYSQL);
    private final ValueComparator postgres = ValueComparator.forDialect(Dialect.POSTGRESQL);

    @Test
    void nullIsSmallerThanEveryValue() {
        assertThat(mysql.compare(null, null)).isZero();
        assertThat(mysql.compare(null, -1_000L)).isNegative();
        assertThat(mysql.compare("", null)).isPositive();
    }

    @Test
    void numbersCompareNumericallyAcrossJavaTypes() {
        assertThat(mysql.compare(2, 10L)).isNegative();
        assertThat(mysql.compare(new BigDecimal("10.00"), 10L)).isZero();
        assertThat(mysql.compare(10.5d, new BigDecimal("10.25"))).isPositive();
        assertThat(mysql.compare(BigInteger.TWO.pow(70), Long.MAX_VALUE)).isPositive();
        assertThat(mysql.compare(true, 1)).isZero();
        assertThat(mysql.equalityKey(new BigDecimal("10.00"))).isEqualTo(mysql.equalityKey(10L));
    }

    @Test
    void mysqlStringsCompareLikeGeneralCi() {
        assertThat(mysql.compare("apple", "Banana")).isNegative();
        assertThat(mysql.compare("ABC", "abc")).isZero();
        assertThat(mysql.compare("abc", "abc  ")).isZero(); // PAD SPACE
        assertThat(mysql.compare("a_", "aa")).isPositive(); // '_' weighs more than 'A', unlike in UCA
        assertThat(mysql.equalityKey("Abc ")).isEqualTo(mysql.equalityKey("aBC"));
    }

    @Test
    void postgresStringsCompareByCodePoint() {
        assertThat(postgres.compare("Banana", "apple")).isNegative();
        assertThat(postgres.compare("abc", "ABC")).isPositive();
        assertThat(postgres.equalityKey("abc")).isNotEqualTo(postgres.equalityKey("ABC"));
    }

    @Test
    void bytesCompareUnsigned() {
        assertThat(mysql.compare(new byte[]{(byte) 0x80}, new byte[]{0x7f})).isPositive();
        assertThat(mysql.compare(new byte[]{1, 2}, new byte[]{1, 2, 0})).isNegative();
        assertThat(mysql.equalityKey(new byte[]{1, 2})).isEqualTo(mysql.equalityKey(new byte[]{1, 2}));
    }

    @Test
    void datesCompareChronologicallyAcrossTypes() {
        Timestamp noon = Timestamp.valueOf("2024-03-01 12:00:00");
        assertThat(mysql.compare(noon, LocalDateTime.of(2024, 3, 1, 12, 0))).isZero();
        assertThat(mysql.compare(LocalDate.of(2024, 3, 1), noon)).isNegative();
        assertThat(mysql.compare(java.sql.Date.valueOf("2024-03-02"), noon)).isPositive();
    }
}
