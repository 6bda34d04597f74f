package io.shardgate.proxy.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event loop's framing: whatever pieces the bytes arrive in, the commands come out whole and in order, exactly
 * as the blocking reader reads them, and bad framing is refused the same way.
 */
class PacketAssemblerTest {
    private static final int CHUNK = 16;

    /** Commands of every size around the chunk limit, each framed from sequence id 0. */
    private static byte[] stream(List<byte[]> commands) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter writer = new PacketWriter(out, CHUNK);
        Sequence sequence = new Sequence();
        for (byte[] command : commands) {
            sequence.reset();
            writer.write(command, sequence);
        }
        writer.flush();
        return out.toByteArray();
    }

    private static List<byte[]> commands(Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int length : new int[]{1, 5, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 7, 0}) {
            byte[] command = new byte[length];
            random.nextBytes(command);
            out.add(command);
        }
        return out;
    }

    private static List<byte[]> assemble(byte[] bytes, Random random, PacketAssembler assembler)
            throws ProtocolException {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int piece = Math.min(bytes.length - at, random.nextInt(9));
            assembler.feed(ByteBuffer.wrap(bytes, at, piece), out::add);
            at += piece;
        }
        return out;
    }

    @Test
    void commandsArriveWholeAndInOrderWhateverPiecesTheBytesComeIn() throws IOException {
        Random random = new Random(7);
        List<byte[]> sent = commands(random);
        byte[] bytes = stream(sent);
        for (int round = 0; round < 200; round++) {
            List<byte[]> received = assemble(bytes, random, new PacketAssembler(1024, CHUNK));
            assertThat(received).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(received.get(i)).isEqualTo(sent.get(i));
            }
        }
    }

    @Test
    void theBlockingReaderReadsTheSameCommands() throws IOException {
        List<byte[]> sent = commands(new Random(8));
        PacketReader reader = new PacketReader(new ByteArrayInputStream(stream(sent)), 1024, CHUNK);
        Sequence sequence = new Sequence();
        List<byte[]> read = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            sequence.reset();
            read.add(reader.read(sequence));
        }
        List<byte[]> assembled = assemble(stream(sent), new Random(9), new PacketAssembler(1024, CHUNK));
        for (int i = 0; i < sent.size(); i++) {
            assertThat(assembled.get(i)).isEqualTo(read.get(i));
        }
    }

    @Test
    void aPartReadPacketIsReported() throws ProtocolException {
        PacketAssembler assembler = new PacketAssembler(1024);
        List<byte[]> out = new ArrayList<>();
        assembler.feed(ByteBuffer.wrap(new byte[]{3, 0, 0, 0, 0x03}), out::add);
        assertThat(assembler.inPacket()).isTrue();
        assembler.feed(ByteBuffer.wrap(new byte[]{'a', 'b'}), out::add);
        assertThat(assembler.inPacket()).isFalse();
        assertThat(out).hasSize(1);
        assertThat(new String(out.get(0), 1, 2)).isEqualTo("ab");
    }

    @Test
    void aPacketOverTheLimitIsRefusedBeforeItsBytesArrive() {
        PacketAssembler assembler = new PacketAssembler(1024);
        assertThatThrownBy(() -> assembler.feed(ByteBuffer.wrap(new byte[]{(byte) 0xFF, (byte) 0xFF, 0x7F, 0}),
                p -> { }))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ProtocolException.PACKET_TOO_LARGE));
    }

    @Test
    void aCommandNotStartingAtSequenceZeroIsOutOfOrder() {
        PacketAssembler assembler = new PacketAssembler(1024);
        assertThatThrownBy(() -> assembler.feed(ByteBuffer.wrap(new byte[]{1, 0, 0, 5, 0x0e}), p -> { }))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ProtocolException.PACKETS_OUT_OF_ORDER));
    }

    @Test
    void randomStreamsEndInCommandsOrAProtocolErrorOnly() {
        Random random = new Random(10);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                bytes[3] = 0;
            }
            try {
                assemble(bytes, random, new PacketAssembler(4096, 1 + random.nextInt(32)));
            } catch (ProtocolException expected) {
                // refused, as it should be
            }
        }
    }
}
