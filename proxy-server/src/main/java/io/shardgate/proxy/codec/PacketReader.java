package io.shardgate.proxy.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads MySQL packets: a 3-byte little-endian payload length, a 1-byte sequence id, the payload. A payload of
 * {@code chunkLimit} (0xFFFFFF on the wire) or more arrives in chunks of exactly that length followed by a shorter
 * one, possibly empty; they are joined here. The claimed lengths are checked against {@code maxPayload} before
 * anything is allocated, so a hostile header cannot make the server reserve memory it will never fill.
 */
public final class PacketReader {
    public static final int MAX_CHUNK = 0xFFFFFF;

    private final InputStream in;
    private final int maxPayload;
    private final int chunkLimit;
    private final byte[] header = new byte[4];

    public PacketReader(InputStream in, int maxPayload) {
        this(in, maxPayload, MAX_CHUNK);
    }

    /** {@code chunkLimit} below 0xFFFFFF exists for tests of the joining logic. */
    public PacketReader(InputStream in, int maxPayload, int chunkLimit) {
        if (chunkLimit < 1 || chunkLimit > MAX_CHUNK) {
            throw new IllegalArgumentException("chunkLimit must be in 1..0xFFFFFF: " + chunkLimit);
        }
        this.in = in;
        this.maxPayload = maxPayload;
        this.chunkLimit = chunkLimit;
    }

    /**
     * The next payload, or null when the stream ends cleanly before a packet starts (the client went away).
     *
     * @throws EOFException      when the stream ends inside a packet
     * @throws ProtocolException for a wrong sequence id, a chunk longer than the limit, or a payload over
     *                           {@code maxPayload}
     */
    public byte[] read(Sequence sequence) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, 3);
        byte[] payload = new byte[0];
        while (true) {
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            sequence.expect(header[3] & 0xFF);
            if (length > chunkLimit) {
                throw ProtocolException.malformed("chunk of " + length + " bytes exceeds " + chunkLimit);
            }
            long total = (long) payload.length + length;
            if (total > maxPayload) {
                throw new ProtocolException(ProtocolException.PACKET_TOO_LARGE, "08S01",
                        "Got a packet bigger than 'max_allowed_packet' bytes (" + maxPayload + ")");
            }
            int offset = payload.length;
            payload = offset == 0 ? new byte[length] : Arrays.copyOf(payload, (int) total);
            readFully(payload, offset, length);
            if (length < chunkLimit) {
                return payload;
            }
            readFully(header, 0, 4);
        }
    }

    private void readFully(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("connection closed inside a packet (" + done + " of " + length + " bytes)");
            }
            done += n;
        }
    }
}
