package io.shardgate.proxy.codec;

import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.protocol.HandshakeResponse41;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;
import io.shardgate.proxy.protocol.StmtExecuteRequest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated input for every decoder a client's bytes reach. Whatever arrives, a decoder either returns a
 * value or throws ProtocolException (EOFException for the framing); never an index error, a negative allocation or
 * an out-of-memory, which would escape the per-connection error handling.
 */
class DecoderFuzzTest {
    private static final int ROUNDS = 20_000;

    @Test
    void framingSurvivesRandomStreams() {
        Random random = new Random(1);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] stream = new byte[random.nextInt(64)];
            random.nextBytes(stream);
            if (stream.length >= 4 && random.nextBoolean()) {
                stream[3] = 0; // a plausible sequence id, so the length logic is reached
            }
            PacketReader reader = new PacketReader(new ByteArrayInputStream(stream), 4096, 1 + random.nextInt(32));
            Sequence sequence = new Sequence();
            try {
                while (reader.read(sequence) != null) {
                    assertThat(sequence).isNotNull();
                }
            } catch (ProtocolException | EOFException expected) {
                // refused, as it should be
            } catch (IOException e) {
                throw new AssertionError("unexpected I/O failure on an in-memory stream", e);
            }
        }
    }

    @Test
    void handshakeResponseSurvivesMutations() {
        byte[] valid = new PayloadWriter().int4(0x00AFA20F).int4(1 << 24).int1(45).zeros(23).nulString("root")
                .lenencBytes(new byte[20]).nulString("shardgate").nulString("mysql_native_password")
                .lenencBytes(new PayloadWriter().lenencString("_client_name").lenencString("fuzz").toByteArray())
                .toByteArray();
        Random random = new Random(2);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(valid, random);
            try {
                HandshakeResponse41.parse(input);
            } catch (ProtocolException expected) {
                // refused
            }
        }
    }

    @Test
    void executeRequestSurvivesMutations() {
        PayloadWriter w = new PayloadWriter().int1(0).int4(1).int1(0b0000_0100).int1(1);
        for (FieldType t : new FieldType[] {FieldType.LONGLONG, FieldType.VAR_STRING, FieldType.NULL,
                FieldType.DATETIME, FieldType.TIME, FieldType.NEWDECIMAL, FieldType.DOUBLE}) {
            w.int1(t.code()).int1(0);
        }
        byte[] valid = w.int8(42).lenencString("text").int1(7).int2(2024).int1(2).int1(29).int1(1).int1(2).int1(3)
                .int1(8).int1(0).int4(0).int1(1).int1(2).int1(3).lenencString("1.50").int8(0).toByteArray();
        Random random = new Random(3);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(valid, random);
            try {
                StmtExecuteRequest.parse(new PayloadReader(input), new FieldType[7], new boolean[7], new boolean[7]);
            } catch (ProtocolException expected) {
                // refused
            }
        }
    }

    @Test
    void payloadPrimitivesSurviveRandomBytes() {
        Random random = new Random(4);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = new byte[random.nextInt(40)];
            random.nextBytes(input);
            PayloadReader in = new PayloadReader(input);
            try {
                while (true) {
                    switch (random.nextInt(6)) {
                        case 0 -> in.lenencInt();
                        case 1 -> in.lenencBytes();
                        case 2 -> in.nulString();
                        case 3 -> in.int8();
                        case 4 -> in.bytes(random.nextInt(10) - 2);
                        default -> in.int3();
                    }
                }
            } catch (ProtocolException expected) {
                // every stream ends in a refusal: the loop only stops there
            }
        }
    }

    /** Flips, truncates, extends or overwrites with lengths that lie. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                out = java.util.Arrays.copyOf(out, out.length + random.nextInt(8));
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            }
            default -> {
                int at = random.nextInt(out.length);
                out[at] = (byte) (0xFB + random.nextInt(5)); // 0xFB..0xFF: NULL, 2/3/8-byte lengths, invalid
            }
        }
        return out;
    }
}
