package io.shardgate.proxy.server;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Blocks a connection's own thread until a socket that an {@link EventLoop} owns in non-blocking mode is ready to
 * read or to write: a selector of the thread's, which a channel may join besides the loop's. Opened on first use.
 */
final class ChannelWait implements Closeable {
    private final SocketChannel channel;
    private final int operation;
    private Selector selector;

    /** @param operation {@link SelectionKey#OP_READ} or {@link SelectionKey#OP_WRITE} */
    ChannelWait(SocketChannel channel, int operation) {
        this.channel = channel;
        this.operation = operation;
    }

    /** Returns when the channel is ready, or after a second, whichever is first; throws once it is closed. */
    void await() throws IOException {
        if (selector == null) {
            selector = Selector.open();
            channel.register(selector, operation);
        }
        selector.select(1000); // a close by another thread need not wake this selector: look again each second
        selector.selectedKeys().clear();
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
