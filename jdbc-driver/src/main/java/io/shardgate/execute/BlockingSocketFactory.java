package io.shardgate.execute;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Sockets for the shards' JDBC drivers that stay in blocking mode, so that waiting for a reply is one {@code read}
 * system call.
 *
 * <p>Why: a plain {@link Socket} (JDK 13 and later) switches its file descriptor to non-blocking mode for good the
 * first time a timeout is used, and drivers connect with a timeout. From then on every read is a failed
 * non-blocking {@code read}, a {@code poll} and a second {@code read}. A socket adapted from a {@link SocketChannel}
 * uses non-blocking mode only for the timed operation itself and goes back to blocking mode afterwards. For
 * short queries on a loopback or LAN link, the saved system calls are a measurable share of the time per
 * statement.
 *
 * <p>Passed to MariaDB Connector/J as its {@code socketFactory} option, which instantiates it by class name.
 */
public final class BlockingSocketFactory extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        return SocketChannel.open().socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote) throws IOException {
        Socket socket = SocketChannel.open().socket();
        try {
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = SocketChannel.open().socket();
        try {
            socket.bind(local);
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
