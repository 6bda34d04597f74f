package io.shardgate.proxy.result;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    private static String text(Object v, int decimals) throws SQLException {
        return new String(Values.text(v, decimals), StandardCharsets.UTF_8);
    }

    @Test
    void numbersPrintAsMysqlPrintsThem() throws SQLException {
        assertThat(text(3.0, 31)).isEqualTo("3");
        assertThat(text(-1234.5, 31)).isEqualTo("-1234.5");
        assertThat(text(1e20, 31)).isEqualTo("1.0E20");
        assertThat(text(0.25f, 31)).isEqualTo("0.25");
        assertThat(text(new BigDecimal("1E+3"), 0)).isEqualTo("1000");
        assertThat(text(true, 0)).isEqualTo("1");
        assertThat(text(new BigInteger("18446744073709551615"), 0)).isEqualTo("18446744073709551615");
    }

    @Test
    void dateTimesUseTheColumnsFractionalDigits() throws SQLException {
        Timestamp t = Timestamp.valueOf("2024-01-02 03:04:05.123456");
        assertThat(text(t, 3)).isEqualTo("2024-01-02 03:04:05.123");
        assertThat(text(t, 6)).isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(text(Timestamp.valueOf("2024-01-02 03:04:05"), 0)).isEqualTo("2024-01-02 03:04:05");
        assertThat(text(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000), 0)).isEqualTo("2024-01-02 03:04:05.500000");
        assertThat(text(java.sql.Date.valueOf("1999-12-31"), 0)).isEqualTo("1999-12-31");
        assertThat(text(LocalTime.of(13, 45, 30), 0)).isEqualTo("13:45:30");
        assertThat(text(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2)), 0))
                .isEqualTo("2024-05-06 07:08:09");
    }

    @Test
    void conversionsForBinaryRows() throws SQLException {
        assertThat(Values.toLong(new byte[] {1, 0})).isEqualTo(256);
        assertThat(Values.toLong(Boolean.TRUE)).isEqualTo(1);
        assertThat(Values.toLong(new BigInteger("18446744073709551615"))).isEqualTo(-1);
        assertThat(Values.toLong(" 42 ")).isEqualTo(42);
        assertThat(Values.toDouble(new BigDecimal("2.5"))).isEqualTo(2.5);
        assertThat(Values.localTime(new java.sql.Time(Timestamp.valueOf("1970-01-01 10:11:12.345").getTime())))
                .isEqualTo(LocalTime.of(10, 11, 12, 345_000_000));
        assertThatThrownBy(() -> Values.toLong("abc")).isInstanceOf(SQLException.class).hasMessageContaining("abc");
        assertThatThrownBy(() -> Values.localDateTime("2024")).isInstanceOf(SQLException.class);
    }
}
