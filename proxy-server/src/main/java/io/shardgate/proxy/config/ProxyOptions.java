package io.shardgate.proxy.config;

import io.shardgate.proxy.auth.PasswordFormat;
import io.shardgate.proxy.server.ServerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line, parsed and checked. Settings not given keep {@link ServerSettings#defaults()}.
 *
 * @param config  the Shardgate YAML, or null for the embedded default
 * @param dataDir where the embedded default keeps its H2 shards
 * @param users   the users file, or null for root without a password (loopback only)
 * @param rsaKey  caching_sha2_password's RSA private key, or null to generate one when first needed
 * @param hashFormats the verifiers {@code --hash-password} prints
 * @param ioThreads   event loops reading client commands
 */
public record ProxyOptions(Path config, Path dataDir, Path users, String bind, int port, String schema,
                           int maxConnections, Duration idleTimeout, int maxPacket, boolean help,
                           boolean hashPassword, Tls tls, Path rsaKey, List<PasswordFormat> hashFormats,
                           int ioThreads) {

    /**
     * Where the proxy's certificate comes from: PEM files or a keystore, or neither (no TLS).
     *
     * @param keystorePassword null when not given on the command line
     * @param required         refuse clients that do not switch to TLS
     */
    public record Tls(Path cert, Path key, Path keystore, String keystorePassword, boolean required) {
        public boolean configured() {
            return cert != null || keystore != null;
        }

        /** Without the password, which must not reach a log. */
        @Override
        public String toString() {
            return "Tls[cert=" + cert + ", key=" + key + ", keystore=" + keystore + ", required=" + required + "]";
        }
    }

    public static final String USAGE = """
            Usage: java -jar shardgate-proxy.jar [options]

            Shardgate proxy: speaks the MySQL protocol so any MySQL client can use a sharded cluster as one database.
            Without --config it starts on an embedded demo: two H2 shards under --data-dir with the sharded tables
            customers and orders. Connect with: mysql -h 127.0.0.1 -P 3307 -u root shardgate

              --config <file>            Shardgate YAML configuration (default: the embedded H2 demo)
              --data-dir <dir>           data directory of the embedded demo (default ./shardgate-data)
              --bind <address>           address to listen on (default 127.0.0.1)
              --port <port>              port to listen on (default 3307)
              --users <file>             accounts, one 'name:VERIFIER...' per line, from --hash-password
                                         (default: root without password, allowed on a loopback address only)
              --schema <name>            the database name clients see (default shardgate)
              --max-connections <n>      client connections accepted at once (default 1000)
              --idle-timeout <seconds>   disconnect clients idle this long (default 28800)
              --io-threads <n>           event-loop threads reading client commands (default: one per core)
              --max-packet <bytes>       largest packet accepted from a client (default 67108864)
              --tls-cert <pem>           certificate chain to offer TLS with (server certificate first)
              --tls-key <pem>            its private key, unencrypted PKCS#8 or PKCS#1
              --tls-keystore <file>      PKCS#12 (or JKS) keystore instead of --tls-cert and --tls-key
              --tls-keystore-password <password>
                                         its password (default: $SHARDGATE_TLS_KEYSTORE_PASSWORD, else empty)
              --require-tls              refuse clients that do not switch to TLS
              --rsa-key <pem>            RSA private key for caching_sha2_password without TLS (default: a
                                         2048-bit key generated when first needed)
              --hash-password            read a password on standard input, print its verifiers for --users, exit
              --hash-format <list>       what --hash-password prints: native, sha2, pbkdf2, comma-separated
                                         (default native,sha2)
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
        int ioThreads = d.ioThreads();
        boolean help = false;
        boolean hash = false;
        Path tlsCert = null;
        Path tlsKey = null;
        Path keystore = null;
        String keystorePassword = null;
        boolean requireTls = false;
        Path rsaKey = null;
        List<PasswordFormat> hashFormats = List.of(PasswordFormat.NATIVE, PasswordFormat.SHA2);
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
                case "--io-threads" -> ioThreads = integer(args, ++i, a, 1, 256);
                case "--tls-cert" -> tlsCert = Path.of(value(args, ++i, a));
                case "--tls-key" -> tlsKey = Path.of(value(args, ++i, a));
                case "--tls-keystore" -> keystore = Path.of(value(args, ++i, a));
                case "--tls-keystore-password" -> keystorePassword = value(args, ++i, a);
                case "--require-tls" -> requireTls = true;
                case "--rsa-key" -> rsaKey = Path.of(value(args, ++i, a));
                case "--hash-format" -> hashFormats = Stream.of(value(args, ++i, a).split(","))
                        .map(PasswordFormat::named).distinct().toList();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        Tls tls = new Tls(tlsCert, tlsKey, keystore, keystorePassword, requireTls);
        checkTls(tls);
        return new ProxyOptions(config, dataDir, users, bind, port, schema, maxConnections, idle, maxPacket, help,
                hash, tls, rsaKey, hashFormats, ioThreads);
    }

    private static void checkTls(Tls tls) {
        if ((tls.cert() == null) != (tls.key() == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tls.keystore() != null && tls.cert() != null) {
            throw new IllegalArgumentException("--tls-keystore replaces --tls-cert and --tls-key: give one of them");
        }
        if (tls.keystorePassword() != null && tls.keystore() == null) {
            throw new IllegalArgumentException("--tls-keystore-password needs --tls-keystore");
        }
        if (tls.required() && !tls.configured()) {
            throw new IllegalArgumentException("--require-tls needs a certificate: --tls-cert and --tls-key, "
                    + "or --tls-keystore");
        }
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
