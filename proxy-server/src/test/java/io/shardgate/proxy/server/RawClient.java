package io.shardgate.proxy.server;

import io.shardgate.proxy.auth.NativePassword;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.PacketReader;
import io.shardgate.proxy.codec.PacketWriter;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.Capabilities;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal MySQL client speaking raw packets, to test what JDBC drivers never send. */
final class RawClient implements AutoCloseable {
    static final int CAPABILITIES = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CONNECT_WITH_DB
            | Capabilities.TRANSACTIONS | Capabilities.LONG_PASSWORD;

    final Socket socket;
    final PacketChannel channel;
    final byte[] greeting;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.channel = new PacketChannel(new PacketReader(socket.getInputStream(), 64 << 20),
                new PacketWriter(socket.getOutputStream()));
        this.greeting = channel.read();
    }

    static RawClient open(int port) throws IOException {
        return new RawClient(new Socket("127.0.0.1", port));
    }

    /** Opens and logs in as root without password; fails unless the server says OK. */
    static RawClient loggedIn(int port) throws IOException {
        RawClient client = open(port);
        byte[] reply = client.login("root", "", NativePassword.PLUGIN, "shardgate");
        if (reply[0] != 0) {
            throw new IllegalStateException("login failed: " + new String(reply, StandardCharsets.UTF_8));
        }
        return client;
    }

    byte[] scramble() throws ProtocolException {
        PayloadReader in = new PayloadReader(greeting);
        in.int1();
        in.nulString();
        in.int4();
        byte[] first = in.bytes(8);
        in.skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
        byte[] second = in.bytes(12);
        byte[] scramble = Arrays.copyOf(first, 20);
        System.arraycopy(second, 0, scramble, 8, 12);
        return scramble;
    }

    /** Sends the handshake response with the auth data for {@code plugin}; returns the server's next packet. */
    byte[] login(String user, String password, String plugin, String database) throws IOException {
        byte[] auth = plugin.equals(NativePassword.PLUGIN) ? NativePassword.clientResponse(password, scramble())
                : new byte[32];
        PayloadWriter w = new PayloadWriter().int4(CAPABILITIES).int4(16 << 20).int1(45).zeros(23).nulString(user)
                .lenencBytes(auth);
        w.nulString(database == null ? "" : database).nulString(plugin);
        channel.write(w.toByteArray());
        channel.flush();
        return channel.read();
    }

    /** Sends a command packet (new exchange) and returns the first response packet, or null if none came. */
    byte[] command(byte[] payload) throws IOException {
        channel.resetSequence();
        channel.write(payload);
        channel.flush();
        return channel.read();
    }

    byte[] command(int code, String argument) throws IOException {
        return command(new PayloadWriter().int1(code).restString(argument).toByteArray());
    }

    byte[] next() throws IOException {
        return channel.read();
    }

    /** Reads packets up to and including the next EOF (0xFE, shorter than 9 bytes) or ERR. */
    List<byte[]> untilEof() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        while (true) {
            byte[] p = channel.read();
            packets.add(p);
            if (p == null || (p[0] & 0xFF) == 0xFF || ((p[0] & 0xFF) == 0xFE && p.length < 9)) {
                return packets;
            }
        }
    }

    /** Writes bytes as they are, {@code piece} bytes per write (the server sees them arrive in parts). */
    void writeRaw(byte[] bytes, int piece) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (int at = 0; at < bytes.length; at += piece) {
            out.write(bytes, at, Math.min(piece, bytes.length - at));
            out.flush();
        }
    }

    /** The next packet's payload whatever its sequence id. */
    byte[] nextRaw() throws IOException {
        byte[] header = socket.getInputStream().readNBytes(4);
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        return socket.getInputStream().readNBytes(length);
    }

    /** Writes bytes as they are and returns the next packet's payload whatever its sequence id. */
    byte[] sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        byte[] header = socket.getInputStream().readNBytes(4);
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        return socket.getInputStream().readNBytes(length);
    }

    /** True when the server closed the connection (a clean end of stream or a reset). */
    boolean closedByServer() {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    static int errorCode(byte[] packet) {
        return (packet[0] & 0xFF) == 0xFF ? (packet[1] & 0xFF) | (packet[2] & 0xFF) << 8 : 0;
    }

    static String text(byte[] packet) {
        return new String(packet, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
