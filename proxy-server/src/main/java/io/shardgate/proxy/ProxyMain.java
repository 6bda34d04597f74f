package io.shardgate.proxy;

import java.io.PrintStream;

/**
 * Command line of the MySQL-protocol proxy. The protocol server itself is the subject of its own issue; until
 * it lands this entry point only explains itself, and says so rather than pretending to listen.
 */
public final class ProxyMain {

    static final String USAGE = """
            Usage: java -jar shardgate-proxy.jar [--config <shardgate.yaml>] [--bind <address>] [--port <port>]

            Shardgate proxy: speaks the MySQL protocol so any MySQL client can use a sharded cluster as one database.

              --config <file>   Shardgate YAML configuration (default: an embedded H2 demo topology)
              --bind <address>  address to listen on (default 127.0.0.1)
              --port <port>     port to listen on (default 3307)
              --help            print this help
            """;

    private ProxyMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
        }
        err.print("The MySQL-protocol server is not part of this build yet; use the JDBC driver "
                + "(jdbc:shardgate:<config.yaml>) meanwhile.\n\n" + USAGE);
        return 2;
    }
}
