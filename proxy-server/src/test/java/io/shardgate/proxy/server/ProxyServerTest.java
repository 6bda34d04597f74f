package io.shardgate.proxy.server;

import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.H2Engines;
import io.shardgate.proxy.auth.NativePassword;
import io.shardgate.proxy.auth.UserStore;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.shardgate.proxy.server.RawClient.errorCode;
import static io.shardgate.proxy.server.RawClient.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The server and its commands over raw packets, on an engine with two in-memory H2 shards. */
class ProxyServerTest {
    static ShardgateEngine engine;
    ProxyServer server;

    @BeforeAll
    static void engine() throws Exception {
        engine = H2Engines.withOrders();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(ServerSettings settings) throws IOException {
        server = new ProxyServer(engine, settings.withPort(0)).start();
        return server.port();
    }

    private int start() throws IOException {
        return start(ServerSettings.defaults());
    }

    @Test
    void clientAnsweringWithAnotherPluginIsSwitchedToNativePassword() throws IOException {
        UserStore users = UserStore.of(Map.of("app", NativePassword.storedHashText("secret")));
        int port = start(ServerSettings.defaults().withUsers(users));
        try (RawClient client = RawClient.open(port)) {
            byte[] switchRequest = client.login("app", "", "caching_sha2_password", null);
            assertThat(switchRequest[0] & 0xFF).isEqualTo(0xFE);
            assertThat(text(switchRequest)).contains(NativePassword.PLUGIN);
            client.channel.write(NativePassword.clientResponse("secret", client.scramble()));
            client.channel.flush();
            assertThat(client.next()[0]).isZero();
            assertThat(client.command(0x0e, "")[0]).isZero();
        }
    }

    @Test
    void wrongPasswordUnknownUserAndUnknownDatabaseAreRefused() throws IOException {
        UserStore users = UserStore.of(Map.of("app", NativePassword.storedHashText("secret")));
        int port = start(ServerSettings.defaults().withUsers(users));
        try (RawClient client = RawClient.open(port)) {
            byte[] err = client.login("app", "wrong", NativePassword.PLUGIN, null);
            assertThat(errorCode(err)).isEqualTo(1045);
            assertThat(text(err)).contains("#28000", "Access denied for user 'app'", "using password: YES");
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = RawClient.open(port)) {
            assertThat(errorCode(client.login("root", "", NativePassword.PLUGIN, null))).isEqualTo(1045);
        }
        try (RawClient client = RawClient.open(port)) {
            byte[] err = client.login("app", "secret", NativePassword.PLUGIN, "other");
            assertThat(errorCode(err)).isEqualTo(1049);
            assertThat(text(err)).contains("Unknown database 'other'");
        }
    }

    @Test
    void simpleCommands() throws IOException {
        try (RawClient client = RawClient.loggedIn(start())) {
            assertThat(client.command(0x0e, "")[0]).isZero();                           // COM_PING
            assertThat(client.command(0x02, "shardgate")[0]).isZero();                  // COM_INIT_DB
            assertThat(errorCode(client.command(0x02, "nope"))).isEqualTo(1049);
            assertThat(errorCode(client.command(0x55, ""))).isEqualTo(1047);            // unknown command
            assertThat(text(client.command(0x09, ""))).startsWith("Uptime: ");         // COM_STATISTICS
            assertThat(client.command(new byte[] {0x1b, 1, 0})[0] & 0xFF).isEqualTo(0xFE); // COM_SET_OPTION
            assertThat(client.command(0x1f, "")[0]).isZero();                           // COM_RESET_CONNECTION
            assertThat(client.command(0x0e, "")[0]).isZero();
            client.command(0x01, "");                                                   // COM_QUIT
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void fieldListDescribesTheLogicalTable() throws IOException {
        try (RawClient client = RawClient.loggedIn(start())) {
            byte[] first = client.command(new PayloadWriter().int1(0x04).nulString("orders").toByteArray());
            List<byte[]> rest = client.untilEof();
            assertThat(rest.get(rest.size() - 1)[0] & 0xFF).isEqualTo(0xFE);
            assertThat(rest).hasSize(4);
            PayloadReader column = new PayloadReader(first);
            column.lenencString();
            assertThat(column.lenencString()).isEqualTo("shardgate");
            column.lenencString();
            column.lenencString();
            assertThat(column.lenencString()).isEqualTo("id");
            assertThat(errorCode(client.command(new PayloadWriter().int1(0x04).nulString("missing").toByteArray())))
                    .isEqualTo(1146);
        }
    }

    @Test
    void preparedStatementLifecycleInTheBinaryProtocol() throws IOException {
        try (RawClient client = RawClient.loggedIn(start())) {
            byte[] ok = client.command(0x16, "SELECT id, amount, note FROM orders WHERE customer_id = ? ORDER BY id");
            PayloadReader prepared = new PayloadReader(ok);
            assertThat(prepared.int1()).isZero();
            int id = prepared.int4();
            assertThat(prepared.int2()).isEqualTo(3); // id, amount, note: a shard describes them in advance
            assertThat(prepared.int2()).isEqualTo(1);
            assertThat(client.untilEof()).hasSize(2); // one parameter definition and EOF
            assertThat(client.untilEof()).hasSize(3 + 1); // column definitions and EOF

            byte[] execute = new PayloadWriter().int1(0x17).int4(id).int1(0).int4(1).int1(0).int1(1)
                    .int1(FieldType.LONGLONG.code()).int1(0).int8(3).toByteArray();
            assertThat(client.command(execute)).containsExactly(3); // three columns
            assertThat(client.untilEof()).hasSize(3 + 1); // definitions and EOF
            List<byte[]> rows = client.untilEof();
            assertThat(rows).hasSize(1 + 1); // one row and EOF
            PayloadReader row = new PayloadReader(rows.get(0));
            assertThat(row.int1()).isZero();
            assertThat(row.int1()).isEqualTo(1 << 4); // NULL bitmap: column 2 (note) is NULL, offset by 2
            assertThat(row.int8()).isEqualTo(3);
            assertThat(row.lenencString()).isEqualTo("30.25");
            assertThat(row.hasRemaining()).isFalse();

            assertThat(client.command(new PayloadWriter().int1(0x1a).int4(id).toByteArray())[0]).isZero();
            client.channel.resetSequence();
            client.channel.write(new PayloadWriter().int1(0x19).int4(id).toByteArray()); // no response
            client.channel.flush();
            assertThat(errorCode(client.command(execute))).isEqualTo(1243);
        }
    }

    @Test
    void malformedOversizedAndOutOfOrderPacketsEndOnlyThatConnection() throws IOException {
        int port = start(ServerSettings.defaults().withLimits(100, Duration.ofHours(1), 4096));
        try (RawClient bystander = RawClient.loggedIn(port)) {
            try (RawClient truncated = RawClient.loggedIn(port)) {
                byte[] err = truncated.command(new byte[] {0x17, 1, 0}); // COM_STMT_EXECUTE cut short
                assertThat(errorCode(err)).isEqualTo(1835);
                assertThat(truncated.closedByServer()).isTrue();
            }
            try (RawClient oversized = RawClient.loggedIn(port)) {
                byte[] err = oversized.sendRaw(new byte[] {1, 0x10, 0, 0, 3}); // claims 4 KB + 1 byte
                assertThat(errorCode(err)).isEqualTo(1153);
                assertThat(oversized.closedByServer()).isTrue();
            }
            try (RawClient outOfOrder = RawClient.loggedIn(port)) {
                assertThat(errorCode(outOfOrder.sendRaw(new byte[] {1, 0, 0, 7, 0x0e}))).isEqualTo(1156);
                assertThat(outOfOrder.closedByServer()).isTrue();
            }
            try (RawClient garbageGreeting = RawClient.open(port)) {
                assertThat(errorCode(garbageGreeting.sendRaw(new byte[] {3, 0, 0, 1, 1, 2, 3}))).isEqualTo(1835);
            }
            assertThat(bystander.command(0x0e, "")[0]).isZero();
        }
    }

    /** Random bytes, raw or framed as a command, from many clients: each connection ends, the server stays up. */
    @Test
    void randomBytesFromManyClientsNeverDisturbTheServer() throws Exception {
        int port = start(ServerSettings.defaults().withLimits(100, Duration.ofSeconds(5), 1 << 16));
        Random random = new Random(5);
        try (RawClient bystander = RawClient.loggedIn(port)) {
            for (int i = 0; i < 300; i++) {
                boolean loggedIn = random.nextBoolean();
                try (RawClient client = loggedIn ? RawClient.loggedIn(port) : RawClient.open(port)) {
                    byte[] junk = new byte[1 + random.nextInt(200)];
                    random.nextBytes(junk);
                    if (random.nextInt(4) > 0) {
                        // well framed, so that the handshake parser or a command's decoder sees the junk
                        junk[0] = loggedIn ? COMMANDS[random.nextInt(COMMANDS.length)] : junk[0];
                        junk = framed(junk, loggedIn ? 0 : 1);
                    }
                    client.socket.getOutputStream().write(junk);
                    client.socket.shutdownOutput();
                    InputStream in = client.socket.getInputStream();
                    try {
                        while (in.read() >= 0) {
                            assertThat(client.socket.isClosed()).isFalse();
                        }
                    } catch (SocketException reset) {
                        // the server closed with our unread bytes pending: also an end
                    }
                }
            }
            assertThat(bystander.command(0x0e, "")[0]).isZero();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.connectionCount()).isZero();
    }

    private static final byte[] COMMANDS = {0x02, 0x03, 0x04, 0x09, 0x0e, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f};

    private static byte[] framed(byte[] payload, int sequence) {
        byte[] packet = new byte[payload.length + 4];
        packet[0] = (byte) payload.length;
        packet[3] = (byte) sequence;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        return packet;
    }

    @Test
    void tooManyConnectionsAreRefusedInsteadOfGreeted() throws IOException {
        int port = start(ServerSettings.defaults().withLimits(2, Duration.ofHours(1), 1 << 20));
        try (RawClient a = RawClient.loggedIn(port); RawClient b = RawClient.loggedIn(port);
             RawClient c = RawClient.open(port)) {
            assertThat(errorCode(c.greeting)).isEqualTo(1040);
            assertThat(text(c.greeting)).contains("#08004", "Too many connections");
            assertThat(a.command(0x0e, "")[0]).isZero();
            assertThat(b.command(0x0e, "")[0]).isZero();
        }
    }

    @Test
    void commandsSentTogetherOrByteByByteAreAnsweredInOrder() throws IOException {
        byte[] ping = {1, 0, 0, 0, 0x0e};
        byte[] unknownDatabase = {5, 0, 0, 0, 0x02, 'n', 'o', 'p', 'e'};
        byte[] commands = new byte[ping.length * 2 + unknownDatabase.length];
        System.arraycopy(ping, 0, commands, 0, ping.length);
        System.arraycopy(unknownDatabase, 0, commands, ping.length, unknownDatabase.length);
        System.arraycopy(ping, 0, commands, ping.length + unknownDatabase.length, ping.length);
        try (RawClient client = RawClient.loggedIn(start())) {
            for (int piece : new int[]{commands.length, 1, 3}) {
                client.writeRaw(commands, piece);
                assertThat(client.nextRaw()[0]).isZero();
                assertThat(errorCode(client.nextRaw())).isEqualTo(1049);
                assertThat(client.nextRaw()[0]).isZero();
            }
        }
    }

    @Test
    void commandsBeforeABrokenPacketAreAnsweredThenTheConnectionEnds() throws IOException {
        byte[] pingThenOutOfOrder = {1, 0, 0, 0, 0x0e, 1, 0, 0, 7, 0x0e};
        try (RawClient client = RawClient.loggedIn(start())) {
            client.writeRaw(pingThenOutOfOrder, pingThenOutOfOrder.length);
            assertThat(client.nextRaw()[0]).isZero();
            assertThat(errorCode(client.nextRaw())).isEqualTo(ProtocolException.PACKETS_OUT_OF_ORDER);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void idleClientsAreDisconnected() throws Exception {
        int port = start(ServerSettings.defaults().withLimits(10, Duration.ofMillis(300), 1 << 20));
        try (RawClient client = RawClient.loggedIn(port)) {
            assertThat(client.command(0x0e, "")[0]).isZero();
            Thread.sleep(800);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void clientsThatDoNotAuthenticateInTimeAreDisconnected() throws Exception {
        int port = start(ServerSettings.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        try (RawClient client = RawClient.open(port)) {
            assertThat(client.greeting).isNotEmpty();
            Thread.sleep(800);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void busyClientsAreNotTimedOut() throws Exception {
        int port = start(ServerSettings.defaults().withLimits(10, Duration.ofMillis(300), 1 << 20));
        try (RawClient client = RawClient.loggedIn(port)) {
            for (int i = 0; i < 10; i++) {
                Thread.sleep(100);
                assertThat(client.command(0x0e, "")[0]).isZero();
            }
        }
    }

    @Test
    void shutdownClosesIdleConnectionsAtOnce() throws IOException {
        int port = start();
        try (RawClient client = RawClient.loggedIn(port)) {
            long started = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.closedByServer()).isTrue();
            assertThat(server.connectionCount()).isZero();
        }
    }
}
