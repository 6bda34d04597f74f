package io.shardgate.proxy.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one payload from the MySQL primitives. Reusable: {@link #reset()} keeps the buffer, so writing a million
 * rows allocates one array rather than a million.
 */
public final class PayloadWriter {
    private byte[] buffer;
    private int length;

    public PayloadWriter() {
        this(256);
    }

    public PayloadWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public PayloadWriter reset() {
        length = 0;
        return this;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    public PayloadWriter int1(int v) {
        ensure(1);
        buffer[length++] = (byte) v;
        return this;
    }

    public PayloadWriter int2(int v) {
        ensure(2);
        buffer[length++] = (byte) v;
        buffer[length++] = (byte) (v >>> 8);
        return this;
    }

    public PayloadWriter int3(int v) {
        ensure(3);
        buffer[length++] = (byte) v;
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) (v >>> 16);
        return this;
    }

    public PayloadWriter int4(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public PayloadWriter int8(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** A length-encoded integer; negative values are written as their unsigned 64-bit bits. */
    public PayloadWriter lenencInt(long v) {
        if (v >= 0 && v < 0xFB) {
            return int1((int) v);
        }
        if (v >= 0 && v <= 0xFFFF) {
            return int1(0xFC).int2((int) v);
        }
        if (v >= 0 && v <= 0xFFFFFF) {
            return int1(0xFD).int3((int) v);
        }
        return int1(0xFE).int8(v);
    }

    public PayloadWriter bytes(byte[] v) {
        return bytes(v, 0, v.length);
    }

    public PayloadWriter bytes(byte[] v, int offset, int count) {
        ensure(count);
        System.arraycopy(v, offset, buffer, length, count);
        length += count;
        return this;
    }

    public PayloadWriter zeros(int count) {
        ensure(count);
        Arrays.fill(buffer, length, length + count, (byte) 0);
        length += count;
        return this;
    }

    public PayloadWriter lenencBytes(byte[] v) {
        return lenencInt(v.length).bytes(v);
    }

    public PayloadWriter lenencString(String v) {
        return lenencBytes(v.getBytes(StandardCharsets.UTF_8));
    }

    /** The NULL marker of text result rows. */
    public PayloadWriter nullValue() {
        return int1(0xFB);
    }

    public PayloadWriter nulString(String v) {
        return bytes(v.getBytes(StandardCharsets.UTF_8)).int1(0);
    }

    /** A string filling the rest of the packet (no length, no terminator). */
    public PayloadWriter restString(String v) {
        return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) length + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("payload beyond 2 GB");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
