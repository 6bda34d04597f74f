package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the MySQL payload primitives from one packet: little-endian fixed-width integers, length-encoded integers
 * and strings, NUL-terminated strings and the rest of the packet. Every read checks what is left first, so a short
 * or lying packet becomes a {@link ProtocolException} rather than an index error or a huge allocation.
 */
public final class PayloadReader {
    private final byte[] data;
    private int position;

    public PayloadReader(byte[] data) {
        this.data = data;
    }

    public int remaining() {
        return data.length - position;
    }

    public boolean hasRemaining() {
        return position < data.length;
    }

    public int int1() throws ProtocolException {
        need(1, "int<1>");
        return data[position++] & 0xFF;
    }

    public int int2() throws ProtocolException {
        need(2, "int<2>");
        int v = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
        position += 2;
        return v;
    }

    public int int3() throws ProtocolException {
        need(3, "int<3>");
        int v = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8 | (data[position + 2] & 0xFF) << 16;
        position += 3;
        return v;
    }

    /** A 4-byte integer; its bits as an int (statement ids and flags are compared, not ordered). */
    public int int4() throws ProtocolException {
        need(4, "int<4>");
        int v = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8 | (data[position + 2] & 0xFF) << 16
                | (data[position + 3] & 0xFF) << 24;
        position += 4;
        return v;
    }

    public long int8() throws ProtocolException {
        need(8, "int<8>");
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[position + i] & 0xFF);
        }
        position += 8;
        return v;
    }

    /** A length-encoded integer; 8-byte values above Long.MAX_VALUE come back negative (unsigned bits). */
    public long lenencInt() throws ProtocolException {
        int first = int1();
        if (first < 0xFB) {
            return first;
        }
        return switch (first) {
            case 0xFC -> int2();
            case 0xFD -> int3();
            case 0xFE -> int8();
            default -> throw ProtocolException.malformed("0x" + Integer.toHexString(first)
                    + " does not start a length-encoded integer");
        };
    }

    public byte[] bytes(int length) throws ProtocolException {
        if (length < 0) {
            throw ProtocolException.malformed("negative length " + length);
        }
        need(length, length + " bytes");
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    public void skip(int length) throws ProtocolException {
        need(length, "skipping " + length + " bytes");
        position += length;
    }

    public byte[] lenencBytes() throws ProtocolException {
        long length = lenencInt();
        if (length < 0 || length > remaining()) {
            throw ProtocolException.malformed("length-encoded string of " + Long.toUnsignedString(length)
                    + " bytes with " + remaining() + " left");
        }
        return bytes((int) length);
    }

    public String lenencString() throws ProtocolException {
        return new String(lenencBytes(), StandardCharsets.UTF_8);
    }

    public byte[] nulBytes() throws ProtocolException {
        int end = position;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end == data.length) {
            throw ProtocolException.malformed("string without its NUL terminator");
        }
        byte[] out = Arrays.copyOfRange(data, position, end);
        position = end + 1;
        return out;
    }

    public String nulString() throws ProtocolException {
        return new String(nulBytes(), StandardCharsets.UTF_8);
    }

    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(data, position, data.length);
        position = data.length;
        return out;
    }

    public String restString() {
        String s = new String(data, position, data.length - position, StandardCharsets.UTF_8);
        position = data.length;
        return s;
    }

    private void need(int length, String what) throws ProtocolException {
        if (length > data.length - position) {
            throw ProtocolException.malformed("packet ends before " + what + " (" + remaining() + " bytes left)");
        }
    }
}
