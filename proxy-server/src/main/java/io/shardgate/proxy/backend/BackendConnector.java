package io.shardgate.proxy.backend;

import io.shardgate.proxy.auth.NativePassword;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.Capabilities;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Opens and authenticates a native protocol connection to a shard for the pass-through, in the shard's own
 * protocol: the server's HandshakeV10, the proxy's HandshakeResponse41 with mysql_native_password, at most one
 * authentication switch to a new mysql_native_password seed. Other authentication plugins are refused, the
 * endpoint then stays on JDBC. The whole handshake runs in blocking mode under one socket timeout.
 */
public final class BackendConnector {
    /** Handshake packets are a few hundred bytes; anything this big is not a MySQL server talking. */
    static final int MAX_HANDSHAKE_PACKET = 64 * 1024;
    static final int MAX_PACKET_SIZE = 16 * 1024 * 1024;

    /**
     * What the proxy asks for. Not asked, on purpose: DEPRECATE_EOF (the client side of the proxy speaks classic EOF
     * and result packets are copied unchanged), MULTI_STATEMENTS, SSL, CONNECT_ATTRS, and MariaDB's extended
     * capabilities (the reserved bytes stay zero). IGNORE_SPACE because MariaDB Connector/J asks for it, so the
     * server parses a statement the same whether the engine's JDBC connections or the pass-through send it.
     */
    static final int WANTED_CAPABILITIES = Capabilities.LONG_PASSWORD | Capabilities.LONG_FLAG | Capabilities.IGNORE_SPACE
            | Capabilities.PROTOCOL_41 | Capabilities.TRANSACTIONS | Capabilities.SECURE_CONNECTION
            | Capabilities.MULTI_RESULTS | Capabilities.PS_MULTI_RESULTS | Capabilities.PLUGIN_AUTH;

    private static final int OK = 0x00;
    private static final int AUTH_SWITCH = 0xFE;
    private static final int ERR = 0xFF;
    private static final int SCRAMBLE_LENGTH = 20;

    private BackendConnector() {
    }

    /**
     * Connects to {@code address} and logs in, asking for {@code collation} (a handshake collation id, 1..255) as the
     * connection's character set. {@code timeout} bounds the TCP connect and each wait for the server during the
     * handshake. The channel is closed on every failure.
     *
     * @throws BackendRefusedException the server answered with an error (credentials, database, limits)
     * @throws IOException             no connection, a timeout, a broken handshake or an unsupported auth plugin
     */
    public static BackendLink connect(BackendAddress address, int collation, Duration timeout) throws IOException {
        if (collation < 1 || collation > 255) {
            throw new IllegalArgumentException("a handshake collation id is 1..255: " + collation);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(true);
            Socket socket = channel.socket();
            try {
                socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            } catch (IOException e) {
                throw new IOException("cannot connect to backend " + address + ": " + e, e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            BackendLink link = new Handshake(address, socket, timeoutMillis).run(channel, collation);
            socket.setSoTimeout(0);
            return link;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static void closeQuietly(SocketChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** One login conversation; the streams are the socket's, so its timeout applies to every read. */
    private static final class Handshake {
        private final BackendAddress address;
        private final InputStream in;
        private final OutputStream out;
        private final int timeoutMillis;
        private int sequence;

        Handshake(BackendAddress address, Socket socket, int timeoutMillis) throws IOException {
            this.address = address;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.timeoutMillis = timeoutMillis;
        }

        BackendLink run(SocketChannel channel, int collation) throws IOException {
            Greeting greeting = readGreeting();
            int capabilities = WANTED_CAPABILITIES & greeting.capabilities;
            if (!address.database().isEmpty()) {
                capabilities |= Capabilities.CONNECT_WITH_DB & greeting.capabilities;
            }
            write(handshakeResponse(capabilities, collation, greeting.scramble));
            boolean switched = false;
            while (true) {
                byte[] reply = read();
                int kind = reply.length == 0 ? -1 : reply[0] & 0xFF;
                if (kind == OK) {
                    return new BackendLink(channel, greeting.connectionId, greeting.serverVersion, capabilities);
                }
                if (kind == ERR) {
                    throw refusal(reply);
                }
                if (kind == AUTH_SWITCH && !switched) {
                    write(switchResponse(reply));
                    switched = true;
                    continue;
                }
                throw new ProtocolException(ProtocolException.MALFORMED_PACKET, "HY000", "backend " + address
                        + " sent an unexpected packet 0x" + Integer.toHexString(kind) + " during authentication");
            }
        }

        private record Greeting(String serverVersion, int connectionId, byte[] scramble, int capabilities) {
        }

        private Greeting readGreeting() throws IOException {
            byte[] packet = read();
            if (packet.length > 0 && (packet[0] & 0xFF) == ERR) {
                throw refusal(packet); // e.g. too many connections, host blocked
            }
            try {
                PayloadReader reader = new PayloadReader(packet);
                int protocol = reader.int1();
                if (protocol != 10) {
                    throw new IOException("backend " + address + " speaks protocol version " + protocol
                            + ", not 10: not a MySQL or MariaDB server");
                }
                String serverVersion = reader.nulString();
                int connectionId = reader.int4();
                byte[] scramble1 = reader.bytes(8);
                reader.skip(1);
                int capabilities = reader.int2();
                reader.skip(1 + 2); // collation, status
                capabilities |= reader.int2() << 16;
                int authDataLength = reader.int1();
                reader.skip(10);
                int secure = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION;
                if ((capabilities & secure) != secure) {
                    throw new IOException("backend " + address + " (" + serverVersion
                            + ") lacks the 4.1 protocol with secure authentication");
                }
                byte[] scramble2 = withoutTrailingNul(reader.bytes(Math.max(13, authDataLength - 8)));
                byte[] scramble = Arrays.copyOf(scramble1, scramble1.length + scramble2.length);
                System.arraycopy(scramble2, 0, scramble, scramble1.length, scramble2.length);
                if (scramble.length != SCRAMBLE_LENGTH) {
                    throw ProtocolException.malformed("a scramble of " + scramble.length + " bytes");
                }
                return new Greeting(serverVersion, connectionId, scramble, capabilities);
            } catch (ProtocolException e) {
                throw new ProtocolException(e.errorCode(), e.sqlState(),
                        "backend " + address + " sent a broken greeting: " + e.getMessage());
            }
        }

        private byte[] handshakeResponse(int capabilities, int collation, byte[] scramble) {
            PayloadWriter response = new PayloadWriter(128)
                    .int4(capabilities)
                    .int4(MAX_PACKET_SIZE)
                    .int1(collation)
                    .zeros(23)
                    .nulString(address.user());
            byte[] auth = NativePassword.clientResponse(address.password(), scramble);
            response.int1(auth.length).bytes(auth);
            if ((capabilities & Capabilities.CONNECT_WITH_DB) != 0) {
                response.nulString(address.database());
            }
            return response.nulString(NativePassword.PLUGIN).toByteArray();
        }

        /** The answer to an AuthSwitchRequest (0xFE, plugin name, seed); only mysql_native_password is spoken. */
        private byte[] switchResponse(byte[] request) throws IOException {
            int nameEnd = 1;
            while (nameEnd < request.length && request[nameEnd] != 0) {
                nameEnd++;
            }
            // A bare 0xFE is the pre-4.1 "use the old password hash" request.
            String plugin = request.length == 1 ? "mysql_old_password"
                    : new String(request, 1, nameEnd - 1, StandardCharsets.UTF_8);
            if (!NativePassword.PLUGIN.equals(plugin)) {
                throw new IOException("backend " + address + ": the authentication plugin " + plugin
                        + " of user '" + address.user() + "' is not supported by the pass-through;"
                        + " the proxy keeps using JDBC for this endpoint");
            }
            byte[] seed = withoutTrailingNul(Arrays.copyOfRange(request, Math.min(nameEnd + 1, request.length),
                    request.length));
            if (seed.length != SCRAMBLE_LENGTH) {
                throw ProtocolException.malformed("backend " + address + " sent a "
                        + NativePassword.PLUGIN + " seed of " + seed.length + " bytes");
            }
            return NativePassword.clientResponse(address.password(), seed);
        }

        private BackendRefusedException refusal(byte[] err) throws ProtocolException {
            PayloadReader reader = new PayloadReader(err);
            reader.skip(1);
            int code = reader.int2();
            String sqlState = "HY000";
            // Errors sent before the server knows the client speaks 4.1 carry no SQLSTATE.
            if (reader.remaining() >= 6 && err[3] == '#') {
                reader.skip(1);
                sqlState = new String(reader.bytes(5), StandardCharsets.US_ASCII);
            }
            return new BackendRefusedException(address, code, sqlState, reader.restString());
        }

        private byte[] read() throws IOException {
            byte[] header = readFully(4);
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            int received = header[3] & 0xFF;
            if (received != sequence) {
                throw new ProtocolException(ProtocolException.PACKETS_OUT_OF_ORDER, "08S01", "backend " + address
                        + " sent packet number " + received + " during the handshake, expected " + sequence);
            }
            if (length > MAX_HANDSHAKE_PACKET) {
                throw new ProtocolException(ProtocolException.PACKET_TOO_LARGE, "08S01", "backend " + address
                        + " sent a handshake packet of " + length + " bytes (at most " + MAX_HANDSHAKE_PACKET + ")");
            }
            sequence = (sequence + 1) & 0xFF;
            return readFully(length);
        }

        private byte[] readFully(int length) throws IOException {
            byte[] data = new byte[length];
            int done = 0;
            try {
                while (done < length) {
                    int n = in.read(data, done, length - done);
                    if (n < 0) {
                        throw new IOException("backend " + address + " closed the connection during the handshake");
                    }
                    done += n;
                }
            } catch (SocketTimeoutException e) {
                SocketTimeoutException named = new SocketTimeoutException("backend " + address
                        + " did not answer the handshake within " + timeoutMillis + " ms");
                named.initCause(e);
                throw named;
            }
            return data;
        }

        private void write(byte[] payload) throws IOException {
            byte[] packet = new byte[4 + payload.length];
            packet[0] = (byte) payload.length;
            packet[1] = (byte) (payload.length >>> 8);
            packet[2] = (byte) (payload.length >>> 16);
            packet[3] = (byte) sequence;
            System.arraycopy(payload, 0, packet, 4, payload.length);
            out.write(packet);
            out.flush();
            sequence = (sequence + 1) & 0xFF;
        }

        private static byte[] withoutTrailingNul(byte[] data) {
            return data.length > 0 && data[data.length - 1] == 0 ? Arrays.copyOf(data, data.length - 1) : data;
        }
    }
}
