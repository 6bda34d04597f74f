package io.shardgate.proxy.config;

import io.shardgate.proxy.server.ServerSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command line, parsed and checked. Settings not given keep {@link ServerSettings#defaults()}.
 *
 * @param config  the Shardgate YAML, or null for the embedded default
 * @param dataDir where the embedded default keeps its H2 shards
 * @param users   the users file, or null for root without a password (loopback only)
 */
public record ProxyOptions(Path config, Path dataDir, Path users, String bind, int port, String schema,
                           int maxConnections, Duration idleTimeout, int maxPacket, boolean help,
                           boolean hashPassword) {

    public static final String USAGE = """
            Usage: java -jar shardgate-proxy.jar [options]

            Shardgate proxy: speaks the MySQL protocol so any MySQL client can use a sharded cluster as one database.
            Without --config it starts on an embedded demo: two H2 shards under --data-dir with the sharded tables
            customers and orders. Connect with: mysql -h 127.0.0.1 -P 3307 -u root shardgate

              --config <file>            Shardgate YAML configuration (default: the embedded H2 demo)
              --data-dir <dir>           data directory of the embedded demo (default ./shardgate-data)
              --bind <address>           address to listen on (default 127.0.0.1)
              --port <port>              port to listen on (default 3307)
              --users <file>             accounts, one 'name:*HASH' per line (default: root without password,
                                         allowed on a loopback address only)
              --schema <name>            the database name clients see (default shardgate)
              --max-connections <n>      client connections accepted at once (default 1000)
              --idle-timeout <seconds>   disconnect clients idle this long (default 28800)
              --max-packet <bytes>       largest packet accepted from a client (default 67108864)
              --hash-password            read a password on standard input, print its hash for --users, exit
              --help                     print this help
            """;

    public static ProxyOptions parse(String... args) {
        ServerSettings d = ServerSettings.defaults();
        Path config = null;
        Path dataDir = Path.of("shardgate-data");
        Path users = null;
        String bind = d.bind();
        int port = d.port();
        String schema = d.schema();
        int maxConnections = d.maxConnections();
        Duration idle = d.idleTimeout();
        int maxPacket = d.maxPacket();
        boolean help = false;
        boolean hash = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--hash-password" -> hash = true;
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--users" -> users = Path.of(value(args, ++i, a));
                case "--bind" -> bind = value(args, ++i, a);
                case "--port" -> port = integer(args, ++i, a, 0, 65535);
                case "--schema" -> schema = value(args, ++i, a);
                case "--max-connections" -> maxConnections = integer(args, ++i, a, 1, 100_000);
                case "--idle-timeout" -> idle = Duration.ofSeconds(integer(args, ++i, a, 1, 31_536_000));
                case "--max-packet" -> maxPacket = integer(args, ++i, a, 1024, 1 << 30);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new ProxyOptions(config, dataDir, users, bind, port, schema, maxConnections, idle, maxPacket, help,
                hash);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int integer(String[] args, int i, String option, int min, int max) {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ": " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + v);
        }
    }
}
