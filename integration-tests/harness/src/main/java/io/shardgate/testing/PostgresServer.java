package io.shardgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server ({@code initdb} + {@code postgres}) on a free loopback port, so tests run against the
 * real thing. Superuser {@code postgres}, trust authentication on 127.0.0.1, unix socket in the server's directory.
 * Settings favour speed over durability ({@code fsync=off}, no full-page writes, 16 MB shared buffers).
 *
 * <p>PostgreSQL refuses to run as root: when the JVM is root, every PostgreSQL program runs as the {@code postgres}
 * OS user through {@code setpriv} (which execs, so the server process is the JVM's direct child and signals reach it),
 * and the server's directory is handed to that user.
 *
 * <p>Streaming replicas ({@code pg_basebackup -R}, hot standby) are built by {@link PostgresTopology}. Needs
 * PostgreSQL 13 or newer.
 */
public final class PostgresServer extends DatabaseServer {
    private static final String SUPERUSER = "postgres";
    private static final String OS_USER = "postgres";

    /** The server this one is a streaming replica of, or null. */
    private final PostgresServer primary;

    /** A standalone server named "postgres". */
    public PostgresServer() {
        this("postgres");
    }

    /** A standalone server; the name appears in its directory and in messages. */
    public PostgresServer(String name) {
        this(name, null);
    }

    PostgresServer(String name, PostgresServer primary) {
        super("postgres", name);
        this.primary = primary;
    }

    @Override
    public PostgresServer start() {
        super.start();
        return this;
    }

    @Override
    public PostgresServer withStartupTimeout(Duration timeout) {
        super.withStartupTimeout(timeout);
        return this;
    }

    /** Adds {@code -c option=value} to the postgres command line, after (so overriding) the harness defaults. */
    @Override
    public PostgresServer withServerOption(String option, String value) {
        super.withServerOption(option, value);
        return this;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/database}. */
    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    @Override
    public String user() {
        return SUPERUSER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void createDatabase(String database) {
        if (queryString("SELECT 1 FROM pg_database WHERE datname = ?", database) == null) {
            execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
        }
    }

    /** Pauses WAL replay on this standby (WAL is still received), so it lags until {@link #resumeReplay()}. */
    public void pauseReplay() {
        execute("SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        execute("SELECT pg_wal_replay_resume()");
    }

    String currentWalLsn() {
        return queryString("SELECT pg_current_wal_lsn()::text");
    }

    /** Waits until this standby has replayed WAL up to {@code lsn}; false on timeout. */
    boolean awaitReplayed(String lsn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String replayed = "SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)::text";
        while (!"true".equals(queryString(replayed, lsn))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Os.sleep(10);
        }
        return true;
    }

    /** Waits until the standby's WAL receiver streams from the primary. */
    void awaitStreaming(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"streaming".equals(queryString("SELECT status FROM pg_stat_wal_receiver"))) {
            if (System.nanoTime() > deadline) {
                throw new HarnessException(this + " is not streaming from its primary; see " + logFile());
            }
            Os.sleep(20);
        }
    }

    /** Replay position and WAL receiver state of this standby, for failure messages. */
    public String replicationStatus() {
        return "replay_lsn=" + queryString("SELECT pg_last_wal_replay_lsn()::text")
                + ", receiver=" + queryString("SELECT status FROM pg_stat_wal_receiver")
                + ", replay_paused=" + queryString("SELECT pg_is_wal_replay_paused()::text");
    }

    @Override
    void prepareDirectory(Path dir) {
        if (Os.IS_ROOT) {
            OsUser user = OsUser.lookup();
            try {
                Files.setAttribute(dir, "unix:uid", user.uid);
                Files.setAttribute(dir, "unix:gid", user.gid);
            } catch (IOException e) {
                throw new HarnessException("cannot hand " + dir + " to the " + OS_USER + " OS user", e);
            }
        }
        Path data = dir.resolve("data");
        if (primary == null) {
            runHelper(asServerUser(List.of(tool("initdb"), "-D", data.toString(), "-U", SUPERUSER,
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")), "initdb.log");
        } else {
            // -R writes standby.signal and primary_conninfo; -X stream copies the WAL needed to start.
            runHelper(asServerUser(List.of(tool("pg_basebackup"), "-h", HOST, "-p", Integer.toString(primary.port()),
                    "-U", SUPERUSER, "-D", data.toString(), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")),
                    "basebackup.log");
        }
    }

    @Override
    List<String> serverCommand(int port, Map<String, String> options) {
        Path dir = directory();
        List<String> command = new ArrayList<>(List.of(tool("postgres"), "-D", dir.resolve("data").toString()));
        List<String> settings = new ArrayList<>(List.of(
                "listen_addresses=" + HOST,
                "port=" + port,
                "unix_socket_directories=" + dir,
                "max_connections=100",
                "shared_buffers=16MB",
                "fsync=off",
                "full_page_writes=off",
                "wal_level=replica",
                "max_wal_senders=10",
                "max_replication_slots=10",
                // Lets a killed or paused replica catch up without replication slots.
                "wal_keep_size=128MB",
                "hot_standby=on",
                // A standby reconnects to a restarted primary within moments instead of the default 5 s.
                "wal_retrieve_retry_interval=200ms",
                "jit=off",
                "logging_collector=off"));
        options.forEach((option, value) -> settings.add(option + "=" + value));
        for (String setting : settings) {
            command.add("-c");
            command.add(setting);
        }
        return asServerUser(command);
    }

    /** SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect, unlike SIGTERM. */
    @Override
    void requestShutdown(Process server) {
        Os.signal(server.pid(), "INT");
    }

    @Override
    String defaultDatabase() {
        return "postgres";
    }

    @Override
    Properties connectionProperties(int timeoutSeconds) {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        return properties;
    }

    /** Keeps the invoking user's PG* variables and home (e.g. ~/.pgpass) out of the server and its tools. */
    @Override
    void configureEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(key -> key.startsWith("PG"));
        environment.put("HOME", directory().toString());
        environment.put("LC_ALL", "C");
    }

    private List<String> asServerUser(List<String> command) {
        if (!Os.IS_ROOT) {
            return command;
        }
        OsUser user = OsUser.lookup();
        List<String> wrapped = new ArrayList<>(List.of(
                Os.findExecutable(List.of("setpriv"), List.of(Path.of("/usr/bin"), Path.of("/bin"))).toString(),
                "--reuid=" + user.uid, "--regid=" + user.gid, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static String tool(String name) {
        return binDir().resolve(name).toString();
    }

    /** The newest /usr/lib/postgresql/VERSION/bin with an initdb, else the directory of initdb on the PATH. */
    private static Path binDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions
                        .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new HarnessException("cannot list " + root, e);
            }
        }
        return Os.findExecutable(List.of("initdb"), List.of()).getParent();
    }

    /** The postgres OS user's ids, needed when the JVM runs as root. */
    private record OsUser(int uid, int gid) {
        static OsUser lookup() {
            String uid = Os.capture("id", "-u", OS_USER);
            String gid = Os.capture("id", "-g", OS_USER);
            if (uid == null || gid == null) {
                throw new HarnessException("PostgreSQL refuses to run as root and there is no '" + OS_USER
                        + "' OS user to run it as: create one (useradd --system " + OS_USER
                        + ") or run the tests as a non-root user");
            }
            return new OsUser(Integer.parseInt(uid), Integer.parseInt(gid));
        }
    }
}
