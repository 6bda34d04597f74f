package io.shardgate.proxy.backend;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * An authenticated native protocol connection to a shard, ready for its first command (the next packet sent starts
 * at sequence 0). The channel is still in blocking mode; whoever takes it over chooses. {@code capabilities} are
 * the ones the proxy asked for and the server granted: the ones in effect, e.g. no DEPRECATE_EOF, so result sets
 * end with classic EOF packets.
 */
public record BackendLink(SocketChannel channel, int connectionId, String serverVersion, int capabilities)
        implements Closeable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
