package io.shardgate.testing;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A real database server process owned by the test JVM: its own temporary directory, a free loopback port, output
 * logged to {@link #logFile()}. Tests and benchmarks use it to run against genuine MariaDB and PostgreSQL servers
 * instead of emulations. Servers are registered in a JVM-wide registry whose shutdown hook stops whatever is still
 * running, so {@link #close()} in {@code @AfterAll} is the normal path and the hook is only the safety net.
 *
 * <p>Lifecycle: {@link #start()}; then any number of {@link #kill()} / {@link #restart()} (data is kept); finally
 * {@link #stop()} or {@link #close()}, which shut the server down and delete its directory.
 */
public abstract class DatabaseServer implements AutoCloseable {
    /** Servers listen on this address only. */
    public static final String HOST = "127.0.0.1";

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HOOK_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HELPER_TIMEOUT = Duration.ofMinutes(2);
    private static final int PORT_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Short, so a probe that reached something other than our server gives up quickly and is retried. */
    private static final int PROBE_TIMEOUT_SECONDS = 1;

    private enum State { NEW, RUNNING, DOWN, CLOSED }

    private final String kind;
    private final String name;
    private final Map<String, String> serverOptions = new LinkedHashMap<>();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private State state = State.NEW;
    private List<String> commandLine = List.of();
    private volatile Path directory;
    private volatile Process process;
    private volatile Process helper;
    private volatile int port;

    DatabaseServer(String kind, String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,24}")) {
            throw new IllegalArgumentException("server name must be 1-24 letters, digits, '_' or '-': " + name);
        }
        this.kind = kind;
        this.name = name;
    }

    /** Starts several servers in parallel; if any fails, all of them are stopped and the first failure is thrown. */
    public static void startAll(DatabaseServer... servers) {
        Executor ownThread = task -> {
            Thread thread = new Thread(task, "shardgate-harness-start");
            thread.setDaemon(true);
            thread.start();
        };
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (DatabaseServer server : servers) {
            starts.add(CompletableFuture.runAsync(server::start, ownThread));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r
                        ? r : new HarnessException("start failed", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            try {
                stopAll(List.of(servers));
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    /** Stops every server even if some fail; the first failure is thrown, the others suppressed into it. */
    static void stopAll(List<? extends DatabaseServer> servers) {
        RuntimeException failure = null;
        for (DatabaseServer server : servers) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** How long {@link #start()} and {@link #restart()} wait for the first successful connection (default 60 s). */
    public synchronized DatabaseServer withStartupTimeout(Duration timeout) {
        requireState(State.NEW, "configure");
        startupTimeout = timeout;
        return this;
    }

    /** An extra server setting, applied after the harness defaults so it overrides them. */
    public synchronized DatabaseServer withServerOption(String option, String value) {
        requireState(State.NEW, "configure");
        serverOptions.put(option, value);
        return this;
    }

    /** Creates the data directory, starts the server on a free port and waits until it accepts connections. */
    public synchronized DatabaseServer start() {
        requireState(State.NEW, "start");
        directory = ServerRegistry.register(this, kind + "-" + name);
        try {
            prepareDirectory(directory);
            launchOnFreePort();
            onFirstStart();
        } catch (RuntimeException | Error e) {
            stopQuietly(e);
            throw e;
        }
        state = State.RUNNING;
        System.out.println("[harness] " + kind + " " + name + " on " + HOST + ":" + port + " (" + directory + ")");
        return this;
    }

    /** Shuts the server down if it runs (gracefully, SIGKILL after a timeout), then starts it on the same port. */
    public synchronized void restart() {
        if (state != State.RUNNING && state != State.DOWN) {
            throw new IllegalStateException("cannot restart " + this + ": it is " + state);
        }
        shutdown(SHUTDOWN_TIMEOUT);
        state = State.DOWN;
        try {
            launch();
        } catch (PortInUseException e) {
            throw new HarnessException(e.getMessage() + "; the server keeps its port across restarts");
        }
        state = State.RUNNING;
    }

    /** SIGKILLs the server (and its child processes) without a shutdown, keeping its data for {@link #restart()}. */
    public synchronized void kill() {
        if (state != State.RUNNING && state != State.DOWN) {
            throw new IllegalStateException("cannot kill " + this + ": it is " + state);
        }
        killProcessTree();
        state = State.DOWN;
    }

    /** Shuts the server down (gracefully, then SIGKILL after a timeout) and deletes its directory. Idempotent. */
    public synchronized void stop() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            shutdown(SHUTDOWN_TIMEOUT);
        } finally {
            state = State.CLOSED;
            ServerRegistry.unregister(this);
            if (directory != null) {
                Os.deleteRecursively(directory);
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    public abstract String jdbcUrl(String database);

    public abstract String user();

    public abstract String password();

    /** Whether the server process is alive. */
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The server's own temporary directory (data, socket, logs); deleted by {@link #stop()}. */
    public Path directory() {
        return directory;
    }

    /** Standard output and error of the server process, appended across restarts. */
    public Path logFile() {
        return directory.resolve("server.log");
    }

    /** The command line of the last launch. */
    public synchronized List<String> commandLine() {
        return commandLine;
    }

    /** A new connection as {@link #user()} to {@code database}. */
    public Connection connection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), connectionProperties(CONNECT_TIMEOUT_SECONDS));
    }

    /** A new connection to the server's default database. */
    public Connection connection() throws SQLException {
        return connection(defaultDatabase());
    }

    /** Executes one statement on a fresh connection to the default database. */
    public void execute(String sql) {
        execute(defaultDatabase(), sql);
    }

    /** Executes one statement on a fresh connection to {@code database}. */
    public void execute(String database, String sql) {
        try (Connection connection = connection(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new HarnessException(this + ": " + e.getMessage(), e);
        }
    }

    /** Creates a database unless it exists. */
    public abstract void createDatabase(String database);

    @Override
    public String toString() {
        return kind + " " + name + " (" + HOST + ":" + port + ")";
    }

    // ---- hooks for the concrete servers ----

    /** Creates the data directory inside the server's directory. */
    abstract void prepareDirectory(Path dir);

    /** The full command line that runs the server in the foreground. */
    abstract List<String> serverCommand(int port, Map<String, String> options);

    /** Asks the process for a graceful shutdown. */
    abstract void requestShutdown(Process server);

    abstract String defaultDatabase();

    /** User, password and a bound on connecting, handshake included. */
    abstract Properties connectionProperties(int timeoutSeconds);

    /** Environment adjustments for the server and helper processes. */
    void configureEnvironment(Map<String, String> environment) {
    }

    /** One-time setup once the new server accepts connections (users, grants). */
    void onFirstStart() {
    }

    /** Runs a helper tool (install-db, initdb, pg_basebackup) to completion, its output going to {@code logName}. */
    final void runHelper(List<String> command, String logName) {
        Path log = directory.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        configureEnvironment(builder.environment());
        try {
            Process started = builder.start();
            helper = started;
            started.getOutputStream().close();
            if (!started.waitFor(HELPER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                started.destroyForcibly();
                throw failure("timed out", command, log, null);
            }
            if (started.exitValue() != 0) {
                throw failure("exit code " + started.exitValue(), command, log, null);
            }
        } catch (IOException e) {
            throw new HarnessException(this + ": cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException(this + ": interrupted while running " + command, e);
        } finally {
            helper = null;
        }
    }

    /** Runs one query and returns the first column of the first row, or {@code null} if there is no row. */
    final String queryString(String sql, Object... parameters) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new HarnessException(this + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Called by the registry's shutdown hook: no lock (a test thread may hold it), short timeout, no exceptions. */
    final void stopFromShutdownHook() {
        Process running = helper;
        if (running != null) {
            running.destroyForcibly();
        }
        try {
            shutdown(HOOK_SHUTDOWN_TIMEOUT);
            Path dir = directory;
            if (dir != null) {
                Os.deleteRecursively(dir);
            }
        } catch (RuntimeException e) {
            System.err.println("[harness] cleanup of " + this + " failed: " + e.getMessage());
        }
    }

    // ---- process management ----

    private void launchOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            port = Ports.freePort();
            try {
                launch();
                return;
            } catch (PortInUseException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw new HarnessException(e.getMessage());
                }
            }
        }
    }

    private void launch() {
        Path log = logFile();
        long logOffset = Os.size(log);
        commandLine = List.copyOf(serverCommand(port, serverOptions));
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        configureEnvironment(builder.environment());
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new HarnessException(this + ": cannot run " + commandLine, e);
        }
        awaitConnectable(logOffset);
    }

    private void awaitConnectable(long logOffset) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        SQLException lastError = null;
        while (true) {
            if (!process.isAlive()) {
                if (Os.read(logFile(), logOffset, 1 << 20).contains("Address already in use")) {
                    throw new PortInUseException(this + ": port " + port + " is in use");
                }
                throw failure("the server exited with code " + process.exitValue(), commandLine, logFile(), null);
            }
            Properties probe = connectionProperties(PROBE_TIMEOUT_SECONDS);
            try (Connection connection = DriverManager.getConnection(jdbcUrl(defaultDatabase()), probe)) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                killProcessTree();
                String reason = "no connection within " + startupTimeout.toSeconds() + " s";
                throw failure(reason, commandLine, logFile(), lastError);
            }
            Os.sleep(50);
        }
    }

    private HarnessException failure(String reason, List<String> command, Path log, Throwable cause) {
        String lastError = cause == null ? "" : "\nlast connection error: " + cause.getMessage();
        return new HarnessException(kind + " " + name + " failed to start: " + reason + lastError
                + "\ncommand: " + String.join(" ", command)
                + "\nlast lines of " + log + ":\n" + Os.tail(log, LOG_TAIL_LINES), cause);
    }

    private void shutdown(Duration timeout) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        requestShutdown(running);
        try {
            if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killProcessTree();
            }
        } catch (InterruptedException e) {
            killProcessTree();
            Thread.currentThread().interrupt();
        }
    }

    private void killProcessTree() {
        Process running = process;
        if (running == null) {
            return;
        }
        List<ProcessHandle> children = running.descendants().toList();
        running.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new HarnessException(this + ": process " + running.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (children.stream().anyMatch(Os::isRunning)) {
            if (System.nanoTime() > deadline) {
                throw new HarnessException(this + ": child processes survived SIGKILL: " + children);
            }
            Os.sleep(10);
        }
    }

    private void stopQuietly(Throwable cause) {
        try {
            stop();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void requireState(State expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " " + this + ": it is " + state);
        }
    }

    private static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String message) {
            super(message);
        }
    }
}
