package io.shardgate.proxy.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Blocking writes on a socket that an {@link EventLoop} owns in non-blocking mode, for the connection's own thread
 * answering a command the loop handed it. Nearly every answer fits the socket buffer at once; when it does not,
 * the thread waits for room on a selector of its own, which a channel may join besides the loop's.
 */
final class ChannelOutputStream extends OutputStream {
    private final SocketChannel channel;
    private final ChannelWait room;

    ChannelOutputStream(SocketChannel channel) {
        this.channel = channel;
        this.room = new ChannelWait(channel, SelectionKey.OP_WRITE);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                room.await();
            }
        }
    }

    @Override
    public void close() throws IOException {
        room.close();
    }
}
