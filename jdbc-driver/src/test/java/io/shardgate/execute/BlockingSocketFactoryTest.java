package io.shardgate.execute;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingSocketFactoryTest {

    /**
     * The descriptor's O_NONBLOCK flag is not visible from Java; what is checked is that the factory's sockets are
     * channel sockets (whose timed operations restore blocking mode) and that timed and untimed I/O both work.
     */
    @Test
    void socketsAreChannelSocketsInBlockingModeAfterTimedConnectAndRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new BlockingSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            try (Socket peer = server.accept()) {
                socket.setSoTimeout(5000);
                peer.getOutputStream().write(42);
                assertThat(socket.getInputStream().read()).isEqualTo(42);
                socket.setSoTimeout(0);

                assertThat(socket.getChannel().isBlocking()).isTrue();
                OutputStream out = peer.getOutputStream();
                out.write(new byte[]{1, 2, 3});
                InputStream in = socket.getInputStream();
                assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void onlyMariaDbUrlsWithoutTheirOwnFactoryGetIt() {
        assertThat(DataSourceRegistry.usesDefaultMariaDbSockets("jdbc:mariadb://h:3306/db")).isTrue();
        assertThat(DataSourceRegistry.usesDefaultMariaDbSockets("jdbc:mariadb://h/db?socketFactory=x.Y")).isFalse();
        assertThat(DataSourceRegistry.usesDefaultMariaDbSockets("jdbc:mysql://h:3306/db")).isFalse();
        assertThat(DataSourceRegistry.usesDefaultMariaDbSockets("jdbc:h2:mem:x")).isFalse();
    }
}
