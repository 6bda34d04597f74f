package io.shardgate.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in TCP mode in front of a server: the cost of one more hop with no SQL work at all, the reference a
 * proxy's figures are read against. Started only where the {@code haproxy} binary is installed (Debian package
 * {@code haproxy}); {@link #start} is empty otherwise.
 */
final class TcpForwarder implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final int port;

    private TcpForwarder(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<TcpForwarder> start(int targetPort, Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            return Optional.empty();
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                  maxconn 1000
                defaults
                  mode tcp
                  timeout connect 5s
                  timeout client 1h
                  timeout server 1h
                listen mariadb
                  bind 127.0.0.1:%d
                  server direct 127.0.0.1:%d
                """.formatted(port, targetPort));
        config.toFile().deleteOnExit();
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        dir.resolve("haproxy.log").toFile().deleteOnExit();
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket ignored = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return Optional.of(new TcpForwarder(process, port));
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("haproxy exited with " + process.exitValue() + "; see "
                            + dir.resolve("haproxy.log"));
                }
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("haproxy did not listen on port " + port + " within 5 s");
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
