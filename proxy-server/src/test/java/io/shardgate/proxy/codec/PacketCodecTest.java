package io.shardgate.proxy.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketCodecTest {
    private static final int LIMIT = 16; // a small chunk limit, so the joining logic runs on small payloads

    private static byte[] payload(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] written(int chunkLimit, byte[]... payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter writer = new PacketWriter(out, chunkLimit);
        Sequence sequence = new Sequence();
        for (byte[] p : payloads) {
            writer.write(p, sequence);
        }
        writer.flush();
        return out.toByteArray();
    }

    /** The headers of a byte stream: [length, sequence id] per packet. */
    private static List<int[]> headers(byte[] stream) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < stream.length) {
            int length = (stream[i] & 0xFF) | (stream[i + 1] & 0xFF) << 8 | (stream[i + 2] & 0xFF) << 16;
            out.add(new int[] {length, stream[i + 3] & 0xFF});
            i += 4 + length;
        }
        return out;
    }

    @Test
    void smallPacketHasLittleEndianLengthAndSequence() throws IOException {
        byte[] stream = written(PacketReader.MAX_CHUNK, new byte[] {3, 'a'}, new byte[300]);
        assertThat(stream).startsWith(2, 0, 0, 0, 3, 'a', 0x2C, 0x01, 0, 1);
        assertThat(stream).hasSize(4 + 2 + 4 + 300);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT, 2 * LIMIT + 1, 5 * LIMIT + 7})
    void payloadsAroundTheChunkLimitSplitAndJoin(int length) throws IOException {
        byte[] data = payload(length, length);
        byte[] stream = written(LIMIT, data, new byte[] {42});
        List<int[]> headers = headers(stream);
        int chunks = length / LIMIT + 1; // a multiple of the limit ends with an empty chunk
        assertThat(headers).hasSize(chunks + 1);
        for (int i = 0; i < chunks; i++) {
            assertThat(headers.get(i)[0]).isEqualTo(i < chunks - 1 ? LIMIT : length % LIMIT);
            assertThat(headers.get(i)[1]).isEqualTo(i);
        }
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 1 << 20, LIMIT);
        Sequence sequence = new Sequence();
        assertThat(reader.read(sequence)).isEqualTo(data);
        assertThat(reader.read(sequence)).containsExactly(42);
        assertThat(reader.read(sequence)).isNull();
    }

    @Test
    void realSixteenMegabyteBoundary() throws IOException {
        for (int length : new int[] {PacketReader.MAX_CHUNK - 1, PacketReader.MAX_CHUNK, PacketReader.MAX_CHUNK + 1}) {
            byte[] data = payload(length, 7);
            byte[] stream = written(PacketReader.MAX_CHUNK, data);
            List<int[]> headers = headers(stream);
            assertThat(headers).hasSize(length < PacketReader.MAX_CHUNK ? 1 : 2);
            assertThat(headers.get(0)[0]).isEqualTo(Math.min(length, PacketReader.MAX_CHUNK));
            PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 64 << 20);
            assertThat(reader.read(new Sequence())).isEqualTo(data);
        }
    }

    @Test
    void sequenceWrapsAfter255() throws IOException {
        byte[][] payloads = new byte[300][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[] {(byte) i};
        }
        byte[] stream = written(LIMIT, payloads);
        assertThat(headers(stream).get(256)[1]).isZero();
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 1024, LIMIT);
        Sequence sequence = new Sequence();
        for (int i = 0; i < payloads.length; i++) {
            assertThat(reader.read(sequence)).containsExactly((byte) i);
        }
    }

    @Test
    void outOfOrderSequenceIsRefused() {
        byte[] stream = {1, 0, 0, 5, 9};
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 1024);
        assertThatThrownBy(() -> reader.read(new Sequence()))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ProtocolException.PACKETS_OUT_OF_ORDER))
                .hasMessageContaining("sequence id 5, expected 0");
    }

    @Test
    void oversizedPayloadIsRefusedBeforeItsBytesArrive() {
        // claims 1 MB but sends nothing more: the limit check must not wait for (or allocate) the bytes
        byte[] stream = {0, 0, 0x10, 0};
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 1024);
        assertThatThrownBy(() -> reader.read(new Sequence()))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ProtocolException.PACKET_TOO_LARGE));
    }

    @Test
    void joinedChunksCountTowardsTheLimit() throws IOException {
        byte[] stream = written(LIMIT, payload(3 * LIMIT, 1));
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 2 * LIMIT, LIMIT);
        assertThatThrownBy(() -> reader.read(new Sequence())).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("max_allowed_packet");
    }

    @Test
    void truncatedPacketIsAnEofNotACleanClose() {
        PacketReader header = new PacketReader(new ByteArrayInputStream(new byte[] {5, 0}), 1024);
        assertThatThrownBy(() -> header.read(new Sequence())).isInstanceOf(EOFException.class);
        PacketReader body = new PacketReader(new ByteArrayInputStream(new byte[] {5, 0, 0, 0, 1, 2}), 1024);
        assertThatThrownBy(() -> body.read(new Sequence())).isInstanceOf(EOFException.class)
                .hasMessageContaining("2 of 5 bytes");
    }

    @Test
    void chunkLongerThanTheLimitIsMalformed() {
        byte[] stream = {(byte) (LIMIT + 1), 0, 0, 0};
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 1024, LIMIT);
        assertThatThrownBy(() -> reader.read(new Sequence())).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void channelResetsTheSequencePerCommand() throws IOException {
        byte[] commands = {1, 0, 0, 0, 0x0e, 1, 0, 0, 0, 0x0e};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel channel = new PacketChannel(new PacketReader(new ByteArrayInputStream(commands), 1024),
                new PacketWriter(out));
        assertThat(channel.readCommand()).containsExactly(0x0e);
        channel.write(new byte[] {0});
        assertThat(channel.readCommand()).containsExactly(0x0e);
        channel.write(new byte[] {0});
        channel.flush();
        assertThat(out.toByteArray()).containsExactly(1, 0, 0, 1, 0, 1, 0, 0, 1, 0);
    }
}
