package io.shardgate.proxy.auth;

import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.H2Engines;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.PacketReader;
import io.shardgate.proxy.codec.PacketWriter;
import io.shardgate.proxy.protocol.Capabilities;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;
import io.shardgate.proxy.server.ProxyServer;
import io.shardgate.proxy.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The authentication dialogue packet by packet, for what drivers do not let a test choose. */
class PasswordDialogueTest {
    static final int PLUGIN_CLIENT = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.LONG_PASSWORD;

    static ShardgateEngine engine;
    static ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = H2Engines.withOrders();
        UserStore users = UserStore.of(Map.of(
                "old", PasswordFormat.verifiers("secret", List.of(PasswordFormat.NATIVE)),
                "fast", PasswordFormat.verifiers("secret", List.of(PasswordFormat.SHA2)),
                "slow", PasswordFormat.verifiers("secret", List.of(PasswordFormat.PBKDF2)),
                "open", ""));
        server = new ProxyServer(engine, ServerSettings.defaults().withPort(0).withUsers(users)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @Test
    void greetingProposesCachingSha2AndItsFastPathEndsWithStatusThenOk() throws IOException {
        try (Raw c = new Raw()) {
            assertThat(c.greetingPlugin).isEqualTo(CachingSha2Password.PLUGIN);
            byte[] reply = c.login("fast", CachingSha2Password.PLUGIN,
                    CachingSha2Password.clientResponse("secret", c.nonce));
            assertThat(reply).containsExactly(0x01, CachingSha2Password.FAST_AUTH_SUCCESS);
            assertThat(c.channel.read()[0]).isZero();
        }
    }

    @Test
    void aClientAnsweringInTheWrongPluginIsSwitchedOnceWithTheSameNonce() throws IOException {
        try (Raw c = new Raw()) {
            byte[] request = c.login("fast", NativePassword.PLUGIN, NativePassword.clientResponse("secret", c.nonce));
            PayloadReader in = new PayloadReader(request);
            assertThat(in.int1()).isEqualTo(0xFE);
            assertThat(in.nulString()).isEqualTo(CachingSha2Password.PLUGIN);
            assertThat(in.bytes(20)).isEqualTo(c.nonce);
            assertThat(c.send(CachingSha2Password.clientResponse("secret", c.nonce))[1])
                    .isEqualTo((byte) CachingSha2Password.FAST_AUTH_SUCCESS);
            assertThat(c.channel.read()[0]).isZero();
        }
        try (Raw c = new Raw()) {
            byte[] request = c.login("old", "client_ed25519", new byte[64]);
            assertThat(new String(request, StandardCharsets.UTF_8)).contains(NativePassword.PLUGIN);
            assertThat(c.send(NativePassword.clientResponse("secret", c.nonce))[0]).isZero();
        }
    }

    @Test
    void anEmptyPasswordIsAcceptedAtOnceInEitherPlugin() throws IOException {
        for (byte[] empty : List.of(new byte[0], new byte[] {0})) {
            try (Raw c = new Raw()) {
                assertThat(c.login("open", CachingSha2Password.PLUGIN, empty)[0]).isZero();
            }
        }
        try (Raw c = new Raw()) {
            assertThat(c.login("open", NativePassword.PLUGIN, new byte[0])[0]).isZero();
        }
        try (Raw c = new Raw()) {
            // MariaDB Connector/J scrambles the empty password rather than sending nothing
            byte[] reply = c.login("open", CachingSha2Password.PLUGIN, CachingSha2Password.clientResponse("", c.nonce));
            assertThat(reply).containsExactly(0x01, CachingSha2Password.FAST_AUTH_SUCCESS);
            assertThat(c.channel.read()[0]).isZero();
        }
        try (Raw c = new Raw()) {
            assertThat(errorCode(c.login("open", CachingSha2Password.PLUGIN,
                    CachingSha2Password.clientResponse("guess", c.nonce)))).isEqualTo(1045);
        }
    }

    @Test
    void fullAuthenticationWithoutTlsTakesOnlyAnRsaCiphertext() throws Exception {
        try (Raw c = new Raw()) {
            byte[] reply = c.login("slow", CachingSha2Password.PLUGIN, new byte[32]);
            assertThat(reply).containsExactly(0x01, CachingSha2Password.PERFORM_FULL_AUTHENTICATION);
            byte[] key = c.send(new byte[] {CachingSha2Password.REQUEST_PUBLIC_KEY});
            assertThat(key[0]).isEqualTo((byte) 0x01);
            String pem = new String(key, 1, key.length - 1, StandardCharsets.US_ASCII);
            assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(c.send(encrypt(pem, "secret", c.nonce))[0]).isZero();
        }
        try (Raw c = new Raw()) {
            c.login("slow", CachingSha2Password.PLUGIN, new byte[32]);
            byte[] err = c.send("secret\0".getBytes(StandardCharsets.UTF_8));
            assertThat(errorCode(err)).isEqualTo(1045);
            assertThat(new String(err, StandardCharsets.UTF_8)).contains("#28000", "using password: YES");
        }
        try (Raw c = new Raw()) {
            c.login("slow", CachingSha2Password.PLUGIN, new byte[32]);
            byte[] key = c.send(new byte[] {CachingSha2Password.REQUEST_PUBLIC_KEY});
            String pem = new String(key, 1, key.length - 1, StandardCharsets.US_ASCII);
            assertThat(errorCode(c.send(encrypt(pem, "wrong", c.nonce)))).isEqualTo(1045);
        }
        try (Raw c = new Raw()) {
            c.login("slow", CachingSha2Password.PLUGIN, new byte[32]);
            assertThat(errorCode(c.send(new byte[256]))).isEqualTo(1045); // not made with the key
        }
    }

    @Test
    void unknownUsersAndClientsThatCannotSwitchAreDenied() throws IOException {
        try (Raw c = new Raw()) {
            byte[] err = c.login("nobody", CachingSha2Password.PLUGIN,
                    CachingSha2Password.clientResponse("secret", c.nonce));
            assertThat(errorCode(err)).isEqualTo(1045);
            assertThat(new String(err, StandardCharsets.UTF_8)).contains("Access denied for user 'nobody'");
        }
        int withoutPlugins = PLUGIN_CLIENT & ~Capabilities.PLUGIN_AUTH & ~Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA;
        try (Raw c = new Raw(withoutPlugins)) {
            assertThat(errorCode(c.login("fast", null, NativePassword.clientResponse("secret", c.nonce))))
                    .isEqualTo(1045);
        }
    }

    private static byte[] encrypt(String pem, String password, byte[] nonce) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        byte[] plain = Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), password.length() + 1);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= nonce[i % nonce.length];
        }
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(plain);
    }

    private static int errorCode(byte[] packet) {
        return (packet[0] & 0xFF) == 0xFF ? (packet[1] & 0xFF) | (packet[2] & 0xFF) << 8 : 0;
    }

    /** A client speaking raw packets: reads the greeting, sends one handshake response and what follows. */
    private static final class Raw implements AutoCloseable {
        final Socket socket;
        final PacketChannel channel;
        final int capabilities;
        final byte[] nonce;
        final String greetingPlugin;

        Raw() throws IOException {
            this(PLUGIN_CLIENT);
        }

        Raw(int capabilities) throws IOException {
            this.capabilities = capabilities;
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(10_000);
            channel = new PacketChannel(new PacketReader(socket.getInputStream(), 1 << 20),
                    new PacketWriter(socket.getOutputStream()));
            PayloadReader greeting = new PayloadReader(channel.read());
            greeting.int1();
            greeting.nulString();
            greeting.int4();
            nonce = Arrays.copyOf(greeting.bytes(8), 20);
            greeting.skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
            System.arraycopy(greeting.bytes(12), 0, nonce, 8, 12);
            greeting.int1();
            greetingPlugin = greeting.nulString();
        }

        /** The handshake response; {@code plugin} null for a client without plugin support. */
        byte[] login(String user, String plugin, byte[] auth) throws IOException {
            PayloadWriter w = new PayloadWriter().int4(capabilities).int4(16 << 20).int1(45).zeros(23)
                    .nulString(user);
            if ((capabilities & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
                w.lenencBytes(auth);
            } else {
                w.int1(auth.length).bytes(auth);
            }
            if (plugin != null) {
                w.nulString(plugin);
            }
            return send(w.toByteArray());
        }

        byte[] send(byte[] payload) throws IOException {
            channel.write(payload);
            channel.flush();
            return channel.read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
