package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Values in the binary protocol (COM_STMT_EXECUTE parameters and binary result rows). Integers are little-endian
 * of the type's width, floating point is IEEE 754, dates and times are a length byte followed by only the fields
 * that are not zero, everything else is a length-encoded string.
 */
public final class BinaryValues {

    private BinaryValues() {
    }

    /**
     * Reads one parameter value of the given type as a plain Java value: Long (BigDecimal for an unsigned BIGINT
     * beyond Long.MAX_VALUE), Float, Double, BigDecimal, String (byte[] for string types holding non-UTF-8 bytes),
     * byte[], LocalDate, LocalDateTime, LocalTime, or a String for values java.time cannot hold (zero dates, TIME
     * beyond 24 hours or negative).
     */
    public static Object read(FieldType type, boolean unsigned, PayloadReader in) throws ProtocolException {
        return switch (type) {
            case NULL -> null;
            case TINY -> (long) (unsigned ? in.int1() : (byte) in.int1());
            case SHORT, YEAR -> (long) (unsigned ? in.int2() : (short) in.int2());
            case INT24, LONG -> unsigned ? in.int4() & 0xFFFFFFFFL : (long) in.int4();
            case LONGLONG -> {
                long v = in.int8();
                yield unsigned && v < 0 ? new BigDecimal(Long.toUnsignedString(v)) : (Object) v;
            }
            case FLOAT -> Float.intBitsToFloat(in.int4());
            case DOUBLE -> Double.longBitsToDouble(in.int8());
            case DECIMAL, NEWDECIMAL -> decimal(in.lenencString());
            case DATE, DATETIME, TIMESTAMP, NEWDATE -> dateTime(type, in);
            case TIME -> time(in);
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON -> text(in.lenencBytes());
            case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB, GEOMETRY, BIT -> in.lenencBytes();
        };
    }

    /**
     * Clients bind byte arrays with string types too (Connector/J's setBytes); bytes that are not UTF-8 text stay
     * bytes, so binary data reaches the shards unchanged instead of as replacement characters.
     */
    private static Object text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }

    private static BigDecimal decimal(String text) throws ProtocolException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw ProtocolException.malformed("decimal parameter '" + text + "'");
        }
    }

    private static Object dateTime(FieldType type, PayloadReader in) throws ProtocolException {
        int length = in.int1();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw ProtocolException.malformed("date/time value of " + length + " bytes");
        }
        int year = length >= 4 ? in.int2() : 0;
        int month = length >= 4 ? in.int1() : 0;
        int day = length >= 4 ? in.int1() : 0;
        int hour = length >= 7 ? in.int1() : 0;
        int minute = length >= 7 ? in.int1() : 0;
        int second = length >= 7 ? in.int1() : 0;
        long micros = length == 11 ? in.int4() & 0xFFFFFFFFL : 0;
        if (year == 0 && month == 0 && day == 0) {
            return type == FieldType.DATE ? "0000-00-00" : "0000-00-00 00:00:00";
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            if (type == FieldType.DATE && length == 4) {
                return date;
            }
            return date.atTime(LocalTime.of(hour, minute, second, Math.toIntExact(micros * 1000)));
        } catch (DateTimeException | ArithmeticException e) {
            throw ProtocolException.malformed("invalid date/time " + year + "-" + month + "-" + day + " " + hour
                    + ":" + minute + ":" + second + "." + micros);
        }
    }

    private static Object time(PayloadReader in) throws ProtocolException {
        int length = in.int1();
        if (length != 0 && length != 8 && length != 12) {
            throw ProtocolException.malformed("time value of " + length + " bytes");
        }
        if (length == 0) {
            return LocalTime.MIDNIGHT;
        }
        boolean negative = in.int1() != 0;
        long days = in.int4() & 0xFFFFFFFFL;
        int hour = in.int1();
        int minute = in.int1();
        int second = in.int1();
        long micros = length == 12 ? in.int4() & 0xFFFFFFFFL : 0;
        if (hour > 23 || minute > 59 || second > 59 || micros > 999_999) {
            throw ProtocolException.malformed("invalid time " + hour + ":" + minute + ":" + second + "." + micros);
        }
        if (!negative && days == 0) {
            return LocalTime.of(hour, minute, second, (int) micros * 1000);
        }
        String text = String.format("%s%d:%02d:%02d", negative ? "-" : "", days * 24 + hour, minute, second);
        return micros == 0 ? text : text + String.format(".%06d", micros);
    }

    /** Writes an integer in the width of its type. */
    public static void writeInteger(PayloadWriter out, FieldType type, long value) {
        switch (type) {
            case TINY -> out.int1((int) value);
            case SHORT, YEAR -> out.int2((int) value);
            case INT24, LONG -> out.int4(value);
            case LONGLONG -> out.int8(value);
            default -> throw new IllegalArgumentException(type + " is not an integer type");
        }
    }

    public static void writeDate(PayloadWriter out, LocalDate date) {
        out.int1(4).int2(date.getYear()).int1(date.getMonthValue()).int1(date.getDayOfMonth());
    }

    public static void writeDateTime(PayloadWriter out, LocalDateTime value) {
        int micros = value.getNano() / 1000;
        out.int1(micros == 0 ? 7 : 11).int2(value.getYear()).int1(value.getMonthValue()).int1(value.getDayOfMonth())
                .int1(value.getHour()).int1(value.getMinute()).int1(value.getSecond());
        if (micros != 0) {
            out.int4(micros);
        }
    }

    public static void writeTime(PayloadWriter out, LocalTime value) {
        int micros = value.getNano() / 1000;
        out.int1(micros == 0 ? 8 : 12).int1(0).int4(0).int1(value.getHour()).int1(value.getMinute())
                .int1(value.getSecond());
        if (micros != 0) {
            out.int4(micros);
        }
    }

    /** The NULL bitmap of a binary row: bit (column + 2), the first two bits being reserved. */
    public static int rowNullBitmapBytes(int columns) {
        return (columns + 7 + 2) / 8;
    }
}
