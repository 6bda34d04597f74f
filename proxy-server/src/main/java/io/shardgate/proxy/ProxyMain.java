package io.shardgate.proxy;

import io.shardgate.config.ConfigException;
import io.shardgate.proxy.auth.PasswordFormat;
import io.shardgate.proxy.config.ProxyOptions;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Command line of the MySQL-protocol proxy. Starts the server and returns; the listening thread keeps the JVM
 * alive, and SIGTERM (or Ctrl-C) runs the shutdown hook, which stops accepting, lets running statements finish and
 * closes the shard pools.
 */
public final class ProxyMain {
    /** Returned by {@link #run} when the proxy was started and keeps running. */
    static final int RUNNING = -1;

    private ProxyMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != RUNNING) {
            System.exit(code);
        }
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        ProxyOptions options;
        try {
            options = ProxyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.print(e.getMessage() + "\n\n" + ProxyOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(ProxyOptions.USAGE);
            return 0;
        }
        if (options.hashPassword()) {
            return hashPassword(options, in, out, err);
        }
        try {
            Proxy proxy = Proxy.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "shardgate-shutdown"));
            out.println("Shardgate proxy listening on " + options.bind() + ":" + proxy.port()
                    + (options.config() == null ? " (embedded demo in " + options.dataDir().toAbsolutePath()
                    + "; connect: mysql -h 127.0.0.1 -P " + proxy.port() + " -u root " + options.schema() + ")"
                    : ""));
            return RUNNING;
        } catch (ConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | SQLException e) {
            err.println("cannot start the proxy: " + e.getMessage());
            return 1;
        }
    }

    private static int hashPassword(ProxyOptions options, InputStream in, PrintStream out, PrintStream err) {
        Console console = System.console();
        String password;
        if (console != null && in == System.in) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? null : new String(typed);
        } else {
            try {
                password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                password = null;
            }
        }
        if (password == null) {
            err.println("no password given on standard input");
            return 2;
        }
        out.println(PasswordFormat.verifiers(password, options.hashFormats()));
        return 0;
    }
}
