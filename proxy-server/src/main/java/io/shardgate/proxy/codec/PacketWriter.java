package io.shardgate.proxy.codec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes payloads as MySQL packets, splitting those of {@code chunkLimit} bytes or more into chunks. A payload
 * whose length is an exact multiple of the limit is followed by an empty packet, which is how the reader knows it
 * ended. Output is buffered by the caller's stream; {@link #flush} once per response.
 */
public final class PacketWriter {
    private final OutputStream out;
    private final int chunkLimit;
    private final byte[] header = new byte[4];

    public PacketWriter(OutputStream out) {
        this(out, PacketReader.MAX_CHUNK);
    }

    public PacketWriter(OutputStream out, int chunkLimit) {
        if (chunkLimit < 1 || chunkLimit > PacketReader.MAX_CHUNK) {
            throw new IllegalArgumentException("chunkLimit must be in 1..0xFFFFFF: " + chunkLimit);
        }
        this.out = out;
        this.chunkLimit = chunkLimit;
    }

    public void write(byte[] payload, Sequence sequence) throws IOException {
        write(payload, 0, payload.length, sequence);
    }

    public void write(byte[] payload, int offset, int length, Sequence sequence) throws IOException {
        int remaining = length;
        int position = offset;
        while (true) {
            int chunk = Math.min(remaining, chunkLimit);
            header[0] = (byte) chunk;
            header[1] = (byte) (chunk >>> 8);
            header[2] = (byte) (chunk >>> 16);
            header[3] = (byte) sequence.next();
            out.write(header);
            out.write(payload, position, chunk);
            position += chunk;
            remaining -= chunk;
            if (chunk < chunkLimit) {
                return;
            }
        }
    }

    public void flush() throws IOException {
        out.flush();
    }
}
