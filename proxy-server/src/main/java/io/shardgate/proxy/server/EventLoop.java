package io.shardgate.proxy.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread multiplexing many sockets with a selector (epoll on Linux). Under load a single wait returns the
 * readiness of several clients and shards at once, so the proxy sleeps and wakes far less often than with a
 * blocked thread per socket; that wake-up cost, not the Java work, dominates a point select. Handlers run on the
 * loop thread and must never block; other threads hand work in with {@link #execute}.
 */
public final class EventLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /** What a registered channel does when it is ready; runs on the loop thread. */
    public interface Handler {
        void ready(SelectionKey key) throws IOException;

        /** {@link #ready} threw: the handler cleans up its channel. */
        void failed(Exception e);
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean open = true;

    public EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon; wakes the loop only when it is not already awake for a task. */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Registers a non-blocking channel; loop thread only. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        while (open) {
            try {
                runTasks();
                wakeupPending.set(false);
                if (tasks.isEmpty()) {
                    selector.select(this::dispatch);
                } else {
                    selector.selectNow(this::dispatch);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("event loop {}: unexpected failure, carrying on", thread.getName(), e);
            }
        }
        closeAll();
    }

    private void dispatch(SelectionKey key) {
        Handler handler = (Handler) key.attachment();
        try {
            handler.ready(key);
        } catch (IOException | RuntimeException e) {
            handler.failed(e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("event loop {}: task failed", thread.getName(), e);
            }
        }
    }

    private void closeAll() {
        runTasks();
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                LOG.debug("closing a channel failed: {}", e.toString());
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector failed: {}", e.toString());
        }
    }

    /** Stops the loop and closes every channel still registered with it. */
    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
