package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryValuesTest {

    private static Object read(FieldType type, boolean unsigned, PayloadWriter w) throws ProtocolException {
        PayloadReader in = new PayloadReader(w.toByteArray());
        Object v = BinaryValues.read(type, unsigned, in);
        assertThat(in.hasRemaining()).as("consumed everything").isFalse();
        return v;
    }

    @Test
    void integersHonourWidthAndSign() throws ProtocolException {
        assertThat(read(FieldType.TINY, false, new PayloadWriter().int1(0xFF))).isEqualTo(-1L);
        assertThat(read(FieldType.TINY, true, new PayloadWriter().int1(0xFF))).isEqualTo(255L);
        assertThat(read(FieldType.SHORT, false, new PayloadWriter().int2(0x8000))).isEqualTo(-32768L);
        assertThat(read(FieldType.LONG, true, new PayloadWriter().int4(0xFFFFFFFFL))).isEqualTo(4294967295L);
        assertThat(read(FieldType.LONGLONG, false, new PayloadWriter().int8(-5))).isEqualTo(-5L);
        assertThat(read(FieldType.LONGLONG, true, new PayloadWriter().int8(-1)))
                .isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void floatingPointDecimalAndText() throws ProtocolException {
        assertThat(read(FieldType.DOUBLE, false, new PayloadWriter().int8(Double.doubleToLongBits(2.5))))
                .isEqualTo(2.5);
        assertThat(read(FieldType.FLOAT, false, new PayloadWriter().int4(Float.floatToIntBits(0.25f))))
                .isEqualTo(0.25f);
        assertThat(read(FieldType.NEWDECIMAL, false, new PayloadWriter().lenencString("-12.340")))
                .isEqualTo(new BigDecimal("-12.340"));
        assertThat(read(FieldType.VAR_STRING, false, new PayloadWriter().lenencString("grüße"))).isEqualTo("grüße");
        assertThat(read(FieldType.STRING, false, new PayloadWriter().lenencBytes(new byte[] {(byte) 0xFF, 0})))
                .isEqualTo(new byte[] {(byte) 0xFF, 0});
        assertThat(read(FieldType.BLOB, false, new PayloadWriter().lenencBytes(new byte[] {1, 2})))
                .isEqualTo(new byte[] {1, 2});
        assertThatThrownBy(() -> read(FieldType.DECIMAL, false, new PayloadWriter().lenencString("1x")))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void datesAndTimesRoundTrip() throws ProtocolException {
        LocalDateTime withMicros = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000);
        PayloadWriter w = new PayloadWriter();
        BinaryValues.writeDateTime(w, withMicros);
        assertThat(w.length()).isEqualTo(12);
        assertThat(read(FieldType.DATETIME, false, w)).isEqualTo(withMicros);

        PayloadWriter whole = new PayloadWriter();
        BinaryValues.writeDateTime(whole, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(whole.length()).isEqualTo(8);

        PayloadWriter date = new PayloadWriter();
        BinaryValues.writeDate(date, LocalDate.of(1999, 12, 31));
        assertThat(read(FieldType.DATE, false, date)).isEqualTo(LocalDate.of(1999, 12, 31));

        PayloadWriter time = new PayloadWriter();
        BinaryValues.writeTime(time, LocalTime.of(13, 45, 30, 5_000));
        assertThat(read(FieldType.TIME, false, time)).isEqualTo(LocalTime.of(13, 45, 30, 5_000));
    }

    @Test
    void valuesJavaTimeCannotHoldComeAsText() throws ProtocolException {
        assertThat(read(FieldType.DATETIME, false, new PayloadWriter().int1(0))).isEqualTo("0000-00-00 00:00:00");
        PayloadWriter negative = new PayloadWriter().int1(8).int1(1).int4(1).int1(2).int1(3).int1(4);
        assertThat(read(FieldType.TIME, false, negative)).isEqualTo("-26:03:04");
        assertThatThrownBy(() -> read(FieldType.DATE, false, new PayloadWriter().int1(4).int2(2024).int1(13).int1(1)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> read(FieldType.DATETIME, false, new PayloadWriter().int1(5)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void executeRequestReadsNullsAndKeepsBoundTypes() throws ProtocolException {
        FieldType[] types = new FieldType[3];
        boolean[] unsigned = new boolean[3];
        boolean[] longData = new boolean[3];
        byte[] first = new PayloadWriter().int1(0).int4(1).int1(0b010).int1(1)
                .int1(FieldType.LONGLONG.code()).int1(0x80).int1(FieldType.VAR_STRING.code()).int1(0)
                .int1(FieldType.VAR_STRING.code()).int1(0)
                .int8(7).lenencString("c").toByteArray();
        StmtExecuteRequest r = StmtExecuteRequest.parse(new PayloadReader(first), types, unsigned, longData);
        assertThat(r.values()).containsExactly(7L, null, "c");
        assertThat(unsigned[0]).isTrue();

        byte[] again = new PayloadWriter().int1(0).int4(1).int1(0b001).int1(0).lenencString("b").lenencString("d")
                .toByteArray();
        assertThat(StmtExecuteRequest.parse(new PayloadReader(again), types, unsigned, longData).values())
                .containsExactly(null, "b", "d");

        longData[2] = true;
        byte[] withLongData = new PayloadWriter().int1(0).int4(1).int1(0).int1(0).int8(1).lenencString("x")
                .toByteArray();
        assertThat(StmtExecuteRequest.parse(new PayloadReader(withLongData), types, unsigned, longData).values())
                .containsExactly(1L, "x", null);
    }

    @Test
    void executeRequestWithoutBoundTypesIsMalformed() {
        byte[] p = new PayloadWriter().int1(0).int4(1).int1(0).int1(0).int8(1).toByteArray();
        assertThatThrownBy(() -> StmtExecuteRequest.parse(new PayloadReader(p), new FieldType[1], new boolean[1],
                new boolean[1])).isInstanceOf(ProtocolException.class).hasMessageContaining("no type");
    }
}
