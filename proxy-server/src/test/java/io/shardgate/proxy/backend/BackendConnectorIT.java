package io.shardgate.proxy.backend;

import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pass-through's own login to a real MariaDB: credentials, database, collation, refusals and timeouts. */
class BackendConnectorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int UTF8MB4_GENERAL_CI = 45;
    private static final int UTF8MB4_UNICODE_CI = 224;

    static MariaDbServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = new MariaDbServer("backend-connector").start();
        server.createDatabase("pt_db");
        asRoot("CREATE USER 'pt'@'%' IDENTIFIED BY 'secret'",
                "GRANT ALL PRIVILEGES ON *.* TO 'pt'@'%'",
                "CREATE USER 'nopw'@'%'",
                "GRANT ALL PRIVILEGES ON *.* TO 'nopw'@'%'");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectsToTheDatabaseAndTheChannelAnswersQueries() throws IOException {
        try (BackendLink link = BackendConnector.connect(address("pt", "secret", "pt_db"), UTF8MB4_GENERAL_CI,
                TIMEOUT)) {
            assertThat(link.channel().isBlocking()).isTrue();
            assertThat(link.channel().socket().getSoTimeout()).isZero();
            assertThat(link.serverVersion()).contains("MariaDB");
            assertThat(query(link.channel(), "SELECT DATABASE(), CONNECTION_ID()"))
                    .containsExactly("pt_db", Integer.toString(link.connectionId()));
        }
    }

    @Test
    void userWithoutPasswordConnectsWithoutDatabase() throws IOException {
        try (BackendLink link = BackendConnector.connect(address("nopw", "", ""), UTF8MB4_GENERAL_CI, TIMEOUT)) {
            assertThat(query(link.channel(), "SELECT CURRENT_USER(), DATABASE()")).containsExactly("nopw@%", null);
        }
    }

    @Test
    void handshakeCollationBecomesTheConnectionCollation() throws IOException {
        try (BackendLink link = BackendConnector.connect(address("pt", "secret", "pt_db"), UTF8MB4_GENERAL_CI,
                TIMEOUT)) {
            assertThat(query(link.channel(), "SELECT @@collation_connection")).containsExactly("utf8mb4_general_ci");
        }
        try (BackendLink link = BackendConnector.connect(address("pt", "secret", "pt_db"), UTF8MB4_UNICODE_CI,
                TIMEOUT)) {
            assertThat(query(link.channel(), "SELECT @@collation_connection")).containsExactly("utf8mb4_unicode_ci");
        }
    }

    @Test
    void wrongPasswordIsRefusedWithAccessDenied() {
        assertThatThrownBy(() -> BackendConnector.connect(address("pt", "wrong", "pt_db"), UTF8MB4_GENERAL_CI,
                TIMEOUT))
                .isInstanceOfSatisfying(BackendRefusedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(1045);
                    assertThat(e.sqlState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("Access denied", server.host() + ":" + server.port())
                            .doesNotContain("wrong");
                });
    }

    @Test
    void unknownDatabaseIsRefused() {
        assertThatThrownBy(() -> BackendConnector.connect(address("pt", "secret", "no_such_db"), UTF8MB4_GENERAL_CI,
                TIMEOUT))
                .isInstanceOfSatisfying(BackendRefusedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(1049);
                    assertThat(e.getMessage()).contains("no_such_db");
                });
    }

    @Test
    void closedPortFailsQuickly() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(server.host()))) {
            port = probe.getLocalPort();
        }
        BackendAddress nowhere = new BackendAddress(server.host(), port, "", "pt", "secret");
        long started = System.nanoTime();
        assertThatThrownBy(() -> BackendConnector.connect(nowhere, UTF8MB4_GENERAL_CI, TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(server.host() + ":" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    }

    @Test
    void silentServerTimesOutDuringTheHandshake() throws IOException {
        // The kernel accepts into the backlog; nobody ever sends a greeting.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName(server.host()))) {
            BackendAddress mute = new BackendAddress(server.host(), silent.getLocalPort(), "", "pt", "secret");
            long started = System.nanoTime();
            assertThatThrownBy(() -> BackendConnector.connect(mute, UTF8MB4_GENERAL_CI, Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void ed25519UserIsNotSupportedWithAClearMessage() throws SQLException {
        try {
            asRoot("INSTALL SONAME 'auth_ed25519'");
        } catch (SQLException e) {
            // Already installed is fine; a missing plugin library is not something this test can check.
            Assumptions.assumeTrue(e.getMessage().contains("already"), "auth_ed25519 unavailable: " + e.getMessage());
        }
        asRoot("CREATE USER IF NOT EXISTS 'edu'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('pw')");
        assertThatThrownBy(() -> BackendConnector.connect(address("edu", "pw", ""), UTF8MB4_GENERAL_CI, TIMEOUT))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(BackendRefusedException.class)
                .hasMessageContaining("ed25519")
                .hasMessageContaining("not supported by the pass-through");
    }

    private static BackendAddress address(String user, String password, String database) {
        return new BackendAddress(server.host(), server.port(), database, user, password);
    }

    private static void asRoot(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Sends COM_QUERY and reads a one-row text result set the classic way (column defs, EOF, row, EOF). */
    private static List<String> query(SocketChannel channel, String sql) throws IOException {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteBuffer packet = ByteBuffer.allocate(5 + text.length);
        packet.put((byte) (text.length + 1)).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0x03).put(text);
        packet.flip();
        while (packet.hasRemaining()) {
            channel.write(packet);
        }
        byte[] first = readPacket(channel);
        assertThat(first[0] & 0xFF).as("not an ERR: %s", new String(first, StandardCharsets.UTF_8)).isNotEqualTo(0xFF);
        int columns = (int) new PayloadReader(first).lenencInt();
        for (int i = 0; i < columns; i++) {
            readPacket(channel); // column definition
        }
        assertThat(readPacket(channel)[0] & 0xFF).as("EOF after the column definitions").isEqualTo(0xFE);
        byte[] row = readPacket(channel);
        List<String> values = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < columns; i++) {
            if ((row[position] & 0xFF) == 0xFB) { // NULL
                values.add(null);
                position++;
            } else {
                PayloadReader value = new PayloadReader(Arrays.copyOfRange(row, position, row.length));
                values.add(value.lenencString());
                position = row.length - value.remaining();
            }
        }
        assertThat(readPacket(channel)[0] & 0xFF).as("EOF after the single row").isEqualTo(0xFE);
        return values;
    }

    private static byte[] readPacket(SocketChannel channel) throws IOException {
        ByteBuffer header = readFully(channel, 4);
        int length = (header.get(0) & 0xFF) | (header.get(1) & 0xFF) << 8 | (header.get(2) & 0xFF) << 16;
        return readFully(channel, length).array();
    }

    private static ByteBuffer readFully(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("backend closed the connection");
            }
        }
        return buffer;
    }
}
