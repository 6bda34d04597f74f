package io.shardgate.proxy.it;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The first thing a new user does: start the proxy with no configuration and talk to the demo tables with the
 * mysql command-line client. Runs when a {@code mariadb} (or {@code mysql}) client is installed.
 */
class MariaDbCliIT {
    @TempDir
    static Path dataDir;
    static Proxy proxy;
    static Optional<Path> cli;

    @BeforeAll
    static void start() throws Exception {
        cli = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of(Path.of(dir, "mariadb"), Path.of(dir, "mysql")))
                .filter(Files::isExecutable).findFirst();
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--data-dir", dataDir.toString()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String script, String... options) throws IOException, InterruptedException {
        assumeTrue(cli.isPresent(), "no mariadb or mysql client installed");
        List<String> command = new java.util.ArrayList<>(List.of(cli.get().toString(), "--no-defaults",
                "--protocol=TCP", "-h", "127.0.0.1", "-P", String.valueOf(proxy.port()), "-u", "root",
                "--skip-ssl", "--batch"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("client finished").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void scriptAgainstTheEmbeddedDemo() throws Exception {
        Run run = cli("""
                SELECT @@version_comment LIMIT 1;
                SHOW TABLES;
                SELECT name FROM customers WHERE id = 3;
                SELECT c.name, SUM(o.amount) AS total FROM customers c JOIN orders o ON o.customer_id = c.id
                  GROUP BY c.name ORDER BY total DESC LIMIT 2;
                INSERT INTO orders (id, customer_id, amount, status)
                  VALUES (900, 3, 1.50, 'new'), (901, 4, 2.50, 'new');
                SELECT COUNT(*) FROM orders WHERE status = 'new';
                UPDATE orders SET status = 'paid' WHERE id IN (900, 901);
                DELETE FROM orders WHERE id >= 900;
                SELECT COUNT(*) FROM orders;
                """, "--skip-column-names", "shardgate");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "Shardgate proxy",
                "customers", "orders",
                "Linus",
                "Grace\t107.15", "Barbara\t60.00",
                "4",
                "8");
    }

    @Test
    void errorsAreShownWithCodeAndState() throws Exception {
        Run refused = cli("UPDATE customers SET id = 10 WHERE id = 1;\n", "shardgate");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("ERROR 1235 (42000)", "shard key");
        Run syntax = cli("SELEC 1;\n", "shardgate");
        assertThat(syntax.err()).contains("ERROR 1064 (42000)");
        Run unknownDb = cli("SELECT 1;\n", "nowhere");
        assertThat(unknownDb.err()).contains("ERROR 1049 (42000)", "nowhere");
    }

    /** With another delimiter the client sends the line's two statements as one query and prints both results. */
    @Test
    void aLineWithTwoStatementsIsOneQueryAndAnErrorStopsIt() throws Exception {
        Run run = cli("""
                DELIMITER //
                SELECT name FROM customers WHERE id = 3; SELECT name FROM customers WHERE id = 1 //
                SELECT 'before'; SELECT * FROM no_such_table; SELECT 'after' //
                """, "--skip-column-names", "shardgate");
        assertThat(run.out().lines().toList()).containsExactly("Linus", "Ada", "before");
        assertThat(run.err()).contains("ERROR 1146 (42S02) at line 3");
        assertThat(run.exitCode()).isNotZero();
    }

    @Test
    void previewShowsTheRouteWithoutRunningIt() throws Exception {
        Run run = cli("PREVIEW SELECT * FROM orders WHERE customer_id = 2;\n", "--skip-column-names", "shardgate");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("ds[01]\tSELECT \\* FROM orders_[01] WHERE customer_id = 2");
    }
}
