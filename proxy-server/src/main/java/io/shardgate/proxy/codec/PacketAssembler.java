package io.shardgate.proxy.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a client's byte stream, as it arrives in pieces from a non-blocking socket, into command payloads: the
 * incremental twin of {@link PacketReader}, with the same rules. Each command starts a new exchange (sequence id
 * 0); a payload of 0xFFFFFF bytes or more comes in chunks with rising ids and is joined; a claimed length over
 * {@code maxPayload} is refused before anything is allocated.
 */
public final class PacketAssembler {
    private final int maxPayload;
    private final int chunkLimit;
    private final byte[] header = new byte[4];
    private int headerFilled;
    private byte[] payload;
    private int payloadFilled;
    /** Length of the chunk being read; -1 while its header is incomplete. */
    private int chunkLength = -1;
    /** Where the chunk being read starts in {@code payload}. */
    private int chunkStart;
    private final Sequence sequence = new Sequence();

    public PacketAssembler(int maxPayload) {
        this(maxPayload, PacketReader.MAX_CHUNK);
    }

    /** {@code chunkLimit} below 0xFFFFFF exists for tests of the joining logic. */
    public PacketAssembler(int maxPayload, int chunkLimit) {
        this.maxPayload = maxPayload;
        this.chunkLimit = chunkLimit;
    }

    /** True while a packet is partly read: the stream must not end here. */
    public boolean inPacket() {
        return headerFilled > 0 || payload != null;
    }

    /**
     * Consumes all of {@code in}, handing each completed payload to {@code commands} in order.
     *
     * @throws ProtocolException as {@link PacketReader#read} does; the stream is unusable afterwards
     */
    public void feed(ByteBuffer in, Consumer<byte[]> commands) throws ProtocolException {
        while (true) {
            if (chunkLength < 0) {
                int n = Math.min(4 - headerFilled, in.remaining());
                in.get(header, headerFilled, n);
                headerFilled += n;
                if (headerFilled < 4) {
                    return;
                }
                startChunk();
            }
            int n = Math.min(chunkStart + chunkLength - payloadFilled, in.remaining());
            in.get(payload, payloadFilled, n);
            payloadFilled += n;
            if (payloadFilled < chunkStart + chunkLength) {
                return;
            }
            endChunk(commands);
        }
    }

    private void startChunk() throws ProtocolException {
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        if (payload == null) {
            sequence.reset();
        }
        sequence.expect(header[3] & 0xFF);
        if (length > chunkLimit) {
            throw ProtocolException.malformed("chunk of " + length + " bytes exceeds " + chunkLimit);
        }
        int before = payload == null ? 0 : payload.length;
        long total = (long) before + length;
        if (total > maxPayload) {
            throw new ProtocolException(ProtocolException.PACKET_TOO_LARGE, "08S01",
                    "Got a packet bigger than 'max_allowed_packet' bytes (" + maxPayload + ")");
        }
        payload = payload == null ? new byte[length] : Arrays.copyOf(payload, (int) total);
        chunkStart = before;
        payloadFilled = before;
        chunkLength = length;
        headerFilled = 0;
    }

    private void endChunk(Consumer<byte[]> commands) {
        boolean last = chunkLength < chunkLimit;
        chunkLength = -1;
        if (last) {
            byte[] done = payload;
            payload = null;
            payloadFilled = 0;
            commands.accept(done);
        }
    }
}
