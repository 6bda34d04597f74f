package io.shardgate.proxy.backend;

import io.shardgate.proxy.auth.NativePassword;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.Capabilities;
import io.shardgate.proxy.protocol.HandshakeV10;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handshake against a scripted server: what the proxy sends, and the server answers a real one rarely gives. */
class BackendConnectorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SWITCH_SEED = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII);
    private static final int DEPRECATE_EOF = 1 << 24;

    private final ServerSocket listener;
    private CompletableFuture<Void> serverSide;

    BackendConnectorTest() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        if (serverSide != null) {
            serverSide.get(5, TimeUnit.SECONDS); // surfaces the script's assertion failures
        }
    }

    private interface Script {
        void run(DataInputStream in, OutputStream out) throws Exception;
    }

    private BackendAddress serve(String database, Script script) {
        serverSide = CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                script.run(new DataInputStream(socket.getInputStream()), socket.getOutputStream());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return new BackendAddress(InetAddress.getLoopbackAddress().getHostAddress(), listener.getLocalPort(),
                database, "app", "pw");
    }

    private static byte[] greeting(int capabilities, String plugin) {
        return new HandshakeV10("10.11.0-MariaDB", 77, SCRAMBLE, capabilities, 45, 2, plugin).encode();
    }

    private static void send(OutputStream out, int sequence, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >>> 8), (byte) (payload.length >>> 16),
                (byte) sequence});
        out.write(payload);
        out.flush();
    }

    private static byte[] receive(DataInputStream in, int expectedSequence) throws IOException {
        byte[] header = in.readNBytes(4);
        assertThat(header[3] & 0xFF).as("sequence").isEqualTo(expectedSequence);
        return in.readNBytes((header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16);
    }

    private static byte[] ok() {
        return new byte[] {0, 0, 0, 2, 0, 0, 0};
    }

    @Test
    void responseAsksOnlyForClassicCapabilitiesEvenWhenTheServerOffersEverything() throws Exception {
        BackendAddress address = serve("shard0", (in, out) -> {
            send(out, 0, greeting(0xFFFFFFFF, NativePassword.PLUGIN));
            PayloadReader response = new PayloadReader(receive(in, 1));
            int capabilities = response.int4();
            assertThat(capabilities).isEqualTo(BackendConnector.WANTED_CAPABILITIES | Capabilities.CONNECT_WITH_DB);
            assertThat(capabilities & (DEPRECATE_EOF | Capabilities.MULTI_STATEMENTS | Capabilities.SSL
                    | Capabilities.CONNECT_ATTRS)).isZero();
            assertThat(response.int4()).isEqualTo(16 * 1024 * 1024);
            assertThat(response.int1()).isEqualTo(224);
            assertThat(response.bytes(23)).containsOnly(0); // MariaDB's extended capabilities stay off
            assertThat(response.nulString()).isEqualTo("app");
            assertThat(response.bytes(response.int1())).isEqualTo(NativePassword.clientResponse("pw", SCRAMBLE));
            assertThat(response.nulString()).isEqualTo("shard0");
            assertThat(response.nulString()).isEqualTo(NativePassword.PLUGIN);
            assertThat(response.hasRemaining()).isFalse();
            send(out, 2, ok());
        });
        try (BackendLink link = BackendConnector.connect(address, 224, TIMEOUT)) {
            assertThat(link.connectionId()).isEqualTo(77);
            assertThat(link.serverVersion()).isEqualTo("10.11.0-MariaDB");
            assertThat(link.capabilities())
                    .isEqualTo(BackendConnector.WANTED_CAPABILITIES | Capabilities.CONNECT_WITH_DB);
        }
    }

    @Test
    void capabilitiesAreLimitedToWhatTheServerOffersAndNoDatabaseMeansNoConnectWithDb() throws Exception {
        int offered = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                | Capabilities.CONNECT_WITH_DB | Capabilities.TRANSACTIONS;
        BackendAddress address = serve("", (in, out) -> {
            send(out, 0, greeting(offered, NativePassword.PLUGIN));
            PayloadReader response = new PayloadReader(receive(in, 1));
            assertThat(response.int4()).isEqualTo(offered & ~Capabilities.CONNECT_WITH_DB);
            send(out, 2, ok());
        });
        try (BackendLink link = BackendConnector.connect(address, 45, TIMEOUT)) {
            assertThat(link.capabilities()).isEqualTo(offered & ~Capabilities.CONNECT_WITH_DB);
        }
    }

    @Test
    void switchToNativePasswordIsAnsweredWithTheNewSeed() throws Exception {
        BackendAddress address = serve("shard0", (in, out) -> {
            send(out, 0, greeting(0xFFFFFFFF, "caching_sha2_password"));
            receive(in, 1);
            send(out, 2, new PayloadWriter().int1(0xFE).nulString(NativePassword.PLUGIN).bytes(SWITCH_SEED)
                    .int1(0).toByteArray());
            assertThat(receive(in, 3)).isEqualTo(NativePassword.clientResponse("pw", SWITCH_SEED));
            send(out, 4, ok());
        });
        try (BackendLink link = BackendConnector.connect(address, 45, TIMEOUT)) {
            assertThat(link.connectionId()).isEqualTo(77);
        }
    }

    @Test
    void switchToAnotherPluginNamesIt() {
        BackendAddress address = serve("", (in, out) -> {
            send(out, 0, greeting(0xFFFFFFFF, NativePassword.PLUGIN));
            receive(in, 1);
            send(out, 2, new PayloadWriter().int1(0xFE).nulString("dialog").toByteArray());
            assertThat(in.read()).as("the proxy hung up").isEqualTo(-1);
        });
        assertThatThrownBy(() -> BackendConnector.connect(address, 45, TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("authentication plugin dialog")
                .hasMessageContaining("keeps using JDBC");
    }

    @Test
    void errorInsteadOfAGreetingIsARefusal() {
        BackendAddress address = serve("", (in, out) -> send(out, 0, new PayloadWriter().int1(0xFF).int2(1040)
                .restString("Too many connections").toByteArray()));
        assertThatThrownBy(() -> BackendConnector.connect(address, 45, TIMEOUT))
                .isInstanceOfSatisfying(BackendRefusedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(1040);
                    assertThat(e.sqlState()).isEqualTo("HY000");
                    assertThat(e.getMessage()).contains("Too many connections");
                });
    }

    @Test
    void otherProtocolVersionIsRejected() {
        BackendAddress address = serve("", (in, out) -> send(out, 0, new byte[] {9, 'x', 0}));
        assertThatThrownBy(() -> BackendConnector.connect(address, 45, TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("protocol version 9");
    }

    @Test
    void oversizedHandshakePacketIsRejected() {
        BackendAddress address = serve("", (in, out) -> {
            out.write(new byte[] {0, 0, 0x10, 0}); // 1 MiB announced
            out.flush();
        });
        assertThatThrownBy(() -> BackendConnector.connect(address, 45, TIMEOUT))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ProtocolException.PACKET_TOO_LARGE));
    }

    @Test
    void truncatedGreetingIsAProtocolError() {
        BackendAddress address = serve("", (in, out) -> send(out, 0, new byte[] {10, 'v', 0, 1, 2}));
        assertThatThrownBy(() -> BackendConnector.connect(address, 45, TIMEOUT))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("broken greeting");
    }
}
