package io.shardgate.proxy.server;

import io.shardgate.proxy.auth.ClientLink;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.codec.PacketReader;
import io.shardgate.proxy.codec.PacketWriter;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;

/**
 * A client's socket and the packet channel over it. Starts in plain text; on the client's SSLRequest it layers TLS
 * over the same socket and the channel carries on encrypted. Closing the plain socket ends either.
 */
final class ClientTransport implements ClientLink {
    private static final int BUFFER = 16384;

    private final Socket socket;
    private final SSLContext tls;
    private final int maxPacket;
    private final ReadAheadStream in;
    private final PacketChannel channel;
    private SSLSession session;

    /** {@code tls} null when the proxy has no certificate. */
    ClientTransport(Socket socket, SSLContext tls, int maxPacket) throws IOException {
        this.socket = socket;
        this.tls = tls;
        this.maxPacket = maxPacket;
        this.in = new ReadAheadStream(socket.getInputStream());
        this.channel = new PacketChannel(new PacketReader(in, maxPacket),
                new PacketWriter(new BufferedOutputStream(socket.getOutputStream(), BUFFER)));
    }

    @Override
    public PacketChannel channel() {
        return channel;
    }

    @Override
    public boolean tlsAvailable() {
        return tls != null;
    }

    @Override
    public void startTls() throws IOException {
        if (tls == null || session != null) {
            throw new IllegalStateException(tls == null ? "TLS is not configured" : "TLS is already on");
        }
        // the client sends its TLS hello right behind the SSLRequest, so part of it may sit in the read buffer
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, in.drain(), true);
        ssl.startHandshake();
        session = ssl.getSession();
        channel.replaceStreams(new PacketReader(new BufferedInputStream(ssl.getInputStream(), BUFFER), maxPacket),
                new PacketWriter(new BufferedOutputStream(ssl.getOutputStream(), BUFFER)));
    }

    @Override
    public boolean secure() {
        return session != null;
    }

    /** What the client sent beyond the handshake that the read buffer already holds (pipelined commands). */
    byte[] readAhead() throws IOException {
        return in.drain().readAllBytes();
    }

    /** The negotiated protocol and cipher suite; empty for a plain connection. */
    Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(session);
    }

    /** A buffered stream that can hand over what it read ahead, for the TLS layer that takes over the socket. */
    private static final class ReadAheadStream extends BufferedInputStream {
        ReadAheadStream(InputStream in) {
            super(in, BUFFER);
        }

        synchronized InputStream drain() {
            byte[] ahead = Arrays.copyOfRange(buf, pos, count);
            pos = count;
            return new ByteArrayInputStream(ahead);
        }
    }
}
