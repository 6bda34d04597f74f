package io.shardgate.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A throw-away {@code mariadbd} on a free loopback port with a data directory made by {@code mariadb-install-db}, so
 * tests exercise the real server: its SQL dialect, its errors, its replication. User {@code root}, empty password.
 * Settings favour start-up speed and a small footprint (32 MB buffer pool, small redo log, no doublewrite, no
 * per-commit fsync) over durability: killing the process loses nothing, losing the machine does.
 *
 * <p>A standalone server runs without binary log. Primaries and replicas are built by {@link MariaDbTopology}. A
 * read-only server (every replica) also withdraws {@code READ_ONLY ADMIN} from {@code root}, so that a write sent to a
 * replica by mistake fails instead of silently diverging; {@link #setReadOnly(boolean)} switches both, e.g. to promote
 * a replica.
 */
public final class MariaDbServer extends DatabaseServer {
    private static final String ROOT = "'root'@'127.0.0.1'";
    /** Keeps full privileges on read-only servers; only the harness uses it. */
    private static final String ADMIN_USER = "harness_admin";
    private static final String REPLICATION_USER = "repl";

    enum Role { STANDALONE, PRIMARY, REPLICA }

    /** A pristine data directory from mariadb-install-db, made once per JVM; guarded by the class. */
    private static Path template;

    private final Role role;
    private final int serverId;
    private boolean readOnly;

    /** A standalone server named "mariadb". */
    public MariaDbServer() {
        this("mariadb");
    }

    /** A standalone server; the name appears in its directory and in messages. */
    public MariaDbServer(String name) {
        this(name, Role.STANDALONE, 1);
    }

    MariaDbServer(String name, Role role, int serverId) {
        super("mariadb", name);
        this.role = role;
        this.serverId = serverId;
        this.readOnly = role == Role.REPLICA;
    }

    @Override
    public MariaDbServer start() {
        super.start();
        return this;
    }

    @Override
    public MariaDbServer withStartupTimeout(Duration timeout) {
        super.withStartupTimeout(timeout);
        return this;
    }

    /** Adds {@code --option=value} to the mariadbd command line, after (so overriding) the harness defaults. */
    @Override
    public MariaDbServer withServerOption(String option, String value) {
        super.withServerOption(option, value);
        return this;
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/database}; an empty database means none. */
    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port() + "/" + database;
    }

    @Override
    public String user() {
        return "root";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void createDatabase(String database) {
        execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "``") + "`");
    }

    /**
     * Points this server at {@code primary} with GTID replication ({@code MASTER_USE_GTID=slave_pos}) and starts both
     * replica threads. Also usable to re-point a replica after a failover.
     */
    public void replicateFrom(MariaDbServer primary) {
        admin("STOP SLAVE",
                "CHANGE MASTER TO MASTER_HOST='" + HOST + "', MASTER_PORT=" + primary.port()
                        + ", MASTER_USER='" + REPLICATION_USER + "', MASTER_PASSWORD='" + REPLICATION_USER + "'"
                        + ", MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
                "START SLAVE");
    }

    /** Stops applying replicated events (still received): the replica lags until {@link #startReplicaSqlThread()}. */
    public void stopReplicaSqlThread() {
        execute("STOP SLAVE SQL_THREAD");
    }

    public void startReplicaSqlThread() {
        execute("START SLAVE SQL_THREAD");
    }

    /**
     * Sets {@code read_only} and, with it, whether {@code root} may bypass it. Connections opened earlier keep the
     * privileges they had. Survives {@link #restart()}.
     */
    public synchronized void setReadOnly(boolean readOnly) {
        if (readOnly) {
            admin("REVOKE READ_ONLY ADMIN ON *.* FROM " + ROOT, "SET GLOBAL read_only = ON");
        } else {
            admin("SET GLOBAL read_only = OFF", "GRANT READ_ONLY ADMIN ON *.* TO " + ROOT);
        }
        this.readOnly = readOnly;
    }

    /** The replica's view of its replication: thread states, positions and last errors; for failure messages. */
    public String replicationStatus() {
        try (Connection connection = connection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW SLAVE STATUS")) {
            if (!rows.next()) {
                return "not a replica";
            }
            return "Slave_IO_Running=" + rows.getString("Slave_IO_Running")
                    + ", Slave_SQL_Running=" + rows.getString("Slave_SQL_Running")
                    + ", Gtid_IO_Pos=" + rows.getString("Gtid_IO_Pos")
                    + ", Seconds_Behind_Master=" + rows.getString("Seconds_Behind_Master")
                    + ", Last_IO_Error=" + rows.getString("Last_IO_Error")
                    + ", Last_SQL_Error=" + rows.getString("Last_SQL_Error");
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Waits until both replica threads run, failing early with the replica's error if one of them stopped. */
    void awaitReplicationRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String status = replicationStatus();
            if (status.startsWith("Slave_IO_Running=Yes, Slave_SQL_Running=Yes")) {
                return;
            }
            if (status.contains("Slave_SQL_Running=No") || System.nanoTime() > deadline) {
                throw new HarnessException(this + ": replication is not running: " + status);
            }
            Os.sleep(20);
        }
    }

    /** Waits until this replica has applied {@code gtidPosition}; false on timeout. */
    boolean awaitGtid(String gtidPosition, Duration timeout) {
        double seconds = Math.max(0, timeout.toMillis()) / 1000.0;
        return "0".equals(queryString("SELECT MASTER_GTID_WAIT(?, ?)", gtidPosition, seconds));
    }

    String gtidBinlogPosition() {
        return queryString("SELECT @@gtid_binlog_pos");
    }

    /**
     * The data directory is a copy of one that {@code mariadb-install-db} made for the first server of this JVM:
     * the bootstrap takes seconds on a busy machine, a copy milliseconds, and a fresh install is identical anyway.
     */
    @Override
    void prepareDirectory(Path dir) {
        Os.createDirectory(dir.resolve("tmp"), "rwx------");
        Path data = dir.resolve("data");
        Path source;
        synchronized (MariaDbServer.class) {
            if (template == null) {
                installDataDirectory(dir, data);
                Path copy = ServerRegistry.newDirectory("mariadb-template").resolve("data");
                Os.copyTree(data, copy);
                template = copy;
                return;
            }
            source = template;
        }
        Os.copyTree(source, data);
    }

    private void installDataDirectory(Path dir, Path data) {
        List<String> command = new ArrayList<>(List.of(
                Os.findExecutable(List.of("mariadb-install-db", "mysql_install_db"), binDirs()).toString(),
                "--no-defaults",
                "--datadir=" + data,
                // Passed through to the bootstrap server: parallel installs clash over temporary tables in /tmp.
                "--tmpdir=" + dir.resolve("tmp"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M"));
        if (Os.IS_ROOT) {
            command.add("--user=root");
        }
        runHelper(command, "install-db.log");
    }

    @Override
    List<String> serverCommand(int port, Map<String, String> options) {
        Path dir = directory();
        // --no-defaults must come first: the machine's my.cnf must not leak in (port, socket, datadir, charset).
        List<String> command = new ArrayList<>(List.of(
                Os.findExecutable(List.of("mariadbd", "mysqld"), binDirs()).toString(),
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--tmpdir=" + dir.resolve("tmp"),
                "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--port=" + port,
                "--bind-address=" + HOST,
                "--skip-name-resolve",
                "--server-id=" + serverId,
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
                "--max-connections=300",
                "--skip-performance-schema",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M",
                "--innodb-flush-log-at-trx-commit=2",
                "--skip-innodb-doublewrite",
                // Many servers on one machine would exhaust the kernel's AIO contexts.
                "--innodb-use-native-aio=0",
                "--innodb-temp-data-file-path=ibtmp1:1M:autoextend",
                "--skip-innodb-buffer-pool-load-at-startup",
                "--skip-innodb-buffer-pool-dump-at-shutdown"));
        if (Os.IS_ROOT) {
            command.add("--user=root");
        }
        if (role == Role.STANDALONE) {
            command.add("--skip-log-bin");
        } else {
            command.addAll(List.of(
                    "--log-basename=mariadb",
                    "--log-bin",
                    "--binlog-format=ROW",
                    "--log-slave-updates",
                    "--gtid-strict-mode=ON",
                    "--sync-binlog=0",
                    // Replicas notice a dead primary within seconds rather than a minute.
                    "--slave-net-timeout=4"));
        }
        if (readOnly) {
            command.add("--read-only");
        }
        options.forEach((option, value) -> command.add("--" + option + "=" + value));
        return command;
    }

    @Override
    void requestShutdown(Process server) {
        server.destroy();
    }

    @Override
    String defaultDatabase() {
        return "";
    }

    @Override
    Properties connectionProperties(int timeoutSeconds) {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds * 1000));
        return properties;
    }

    /**
     * Creates the replication user and the harness admin on every server (so any replica can be promoted) and makes
     * root subject to read_only on read-only servers. Not binlogged: under gtid_strict_mode a replica must not have
     * transactions of its own.
     */
    @Override
    void onFirstStart() {
        List<String> statements = new ArrayList<>(List.of(
                "SET SESSION sql_log_bin = 0",
                "CREATE USER '" + REPLICATION_USER + "'@'" + HOST + "' IDENTIFIED BY '" + REPLICATION_USER + "'",
                "GRANT REPLICATION SLAVE ON *.* TO '" + REPLICATION_USER + "'@'" + HOST + "'",
                "CREATE USER '" + ADMIN_USER + "'@'" + HOST + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'" + HOST + "' WITH GRANT OPTION"));
        if (readOnly) {
            statements.add("REVOKE READ_ONLY ADMIN ON *.* FROM " + ROOT);
        }
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new HarnessException(this + ": setting up users failed: " + e.getMessage(), e);
        }
    }

    /** Runs statements as the harness admin, unlogged, in one session. */
    private void admin(String... statements) {
        Properties properties = connectionProperties(CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("user", ADMIN_USER);
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_log_bin = 0");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new HarnessException(this + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> binDirs() {
        return List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));
    }
}
