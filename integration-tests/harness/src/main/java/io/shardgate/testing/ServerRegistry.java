package io.shardgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every server that was started and not yet stopped, plus the JVM-wide temporary directory they live in. A shutdown
 * hook stops whatever tests forgot, so no database process or data directory outlives a normally ending JVM.
 */
final class ServerRegistry {
    private static final Set<DatabaseServer> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static Path baseDir;

    private ServerRegistry() {
    }

    /** Registers a server and creates its own directory. */
    static synchronized Path register(DatabaseServer server, String dirName) {
        LIVE.add(server);
        return newDirectory(dirName);
    }

    /** A new directory in the JVM-wide temporary directory, deleted at the latest when the JVM exits. */
    static synchronized Path newDirectory(String dirName) {
        if (baseDir == null) {
            baseDir = createBaseDir();
            Runtime.getRuntime().addShutdownHook(new Thread(ServerRegistry::stopAll, "shardgate-harness-cleanup"));
        }
        Path dir = baseDir.resolve(dirName + "-" + SEQUENCE.incrementAndGet());
        Os.createDirectory(dir, "rwxr-xr-x");
        return dir;
    }

    static void unregister(DatabaseServer server) {
        LIVE.remove(server);
    }

    private static Path createBaseDir() {
        try {
            // 0755 so that the postgres OS user can reach its own data directory when the JVM runs as root.
            Path dir = Files.createTempDirectory("shardgate-harness-");
            Os.createDirectory(dir, "rwxr-xr-x");
            return dir;
        } catch (IOException e) {
            throw new HarnessException("cannot create the harness temporary directory", e);
        }
    }

    private static void stopAll() {
        List<Thread> stoppers = LIVE.stream()
                .map(server -> new Thread(server::stopFromShutdownHook, "shardgate-harness-stop-" + server.name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Path dir;
        synchronized (ServerRegistry.class) {
            dir = baseDir;
        }
        try {
            Os.deleteRecursively(dir);
        } catch (HarnessException e) {
            System.err.println("[harness] " + e.getMessage());
        }
    }
}
