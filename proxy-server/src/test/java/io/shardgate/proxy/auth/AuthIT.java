package io.shardgate.proxy.auth;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.proxy.tls.Pem;
import io.shardgate.proxy.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every way of proving a password, with the clients people use: MySQL Connector/J 8.4 (caching_sha2_password by
 * default), MariaDB Connector/J and the mariadb command-line client, over plain TCP and TLS. Users: {@code old}
 * has a native hash only, {@code fast} a sha2 verifier only, {@code both} both, {@code slow} a PBKDF2 hash only
 * (full authentication every time), {@code open} no password. The password is "s3cret" for all of them.
 */
class AuthIT {
    static final String PASSWORD = "s3cret";

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Path rsaPublicKey;
    static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        certs = TestCertificates.create(dir.resolve("certs"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        Path rsaKey = dir.resolve("rsa-key.pem");
        Files.writeString(rsaKey, TestCertificates.pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
        rsaPublicKey = dir.resolve("rsa-public.pem");
        Files.writeString(rsaPublicKey, Pem.publicKey(rsa.getPublic()));
        Path users = dir.resolve("users");
        Files.writeString(users, String.join("\n",
                "old:" + PasswordFormat.verifiers(PASSWORD, List.of(PasswordFormat.NATIVE)),
                "fast:" + PasswordFormat.verifiers(PASSWORD, List.of(PasswordFormat.SHA2)),
                "both:" + PasswordFormat.verifiers(PASSWORD, List.of(PasswordFormat.NATIVE, PasswordFormat.SHA2)),
                "slow:" + PasswordFormat.verifiers(PASSWORD, List.of(PasswordFormat.PBKDF2)),
                "open:", ""));
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--users", users.toString(), "--tls-cert", certs.certPem.toString(), "--tls-key",
                certs.keyPem.toString(), "--rsa-key", rsaKey.toString()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static Connection mysql(String user, String password, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port() + "/shardgate?user=" + user
                + "&password=" + password + "&" + options);
    }

    private static Connection mariadb(String user, String password, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + proxy.port() + "/shardgate?user=" + user
                + "&password=" + password + "&" + options);
    }

    @Test
    void connectorJFastPathAndNativeSwitchOverPlainTcp() throws SQLException {
        for (String user : List.of("fast", "both", "old")) {
            try (Connection c = mysql(user, PASSWORD, "sslMode=DISABLED")) {
                assertLoggedInAs(c, user);
            }
        }
        try (Connection c = mysql("open", "", "sslMode=DISABLED")) {
            assertLoggedInAs(c, "open");
        }
    }

    @Test
    void connectorJStartingWithNativePasswordIsSwitchedToCachingSha2() throws SQLException {
        for (String user : List.of("fast", "slow")) {
            try (Connection c = mysql(user, PASSWORD,
                    "sslMode=REQUIRED&defaultAuthenticationPlugin=mysql_native_password")) {
                assertLoggedInAs(c, user);
            }
        }
    }

    @Test
    void connectorJFullAuthenticationWithRsaKeyRetrievalOrAPinnedKey() throws SQLException {
        try (Connection c = mysql("slow", PASSWORD, "sslMode=DISABLED&allowPublicKeyRetrieval=true")) {
            assertLoggedInAs(c, "slow");
        }
        try (Connection c = mysql("slow", PASSWORD, "sslMode=DISABLED&serverRSAPublicKeyFile=" + rsaPublicKey)) {
            assertLoggedInAs(c, "slow");
        }
        assertThatThrownBy(() -> mysql("slow", PASSWORD, "sslMode=DISABLED"))
                .hasMessageContaining("Public Key Retrieval is not allowed");
        assertDenied(() -> mysql("slow", "wrong", "sslMode=DISABLED&allowPublicKeyRetrieval=true"), "slow");
    }

    @Test
    void connectorJFullAuthenticationOverTls() throws SQLException {
        try (Connection c = mysql("slow", PASSWORD, certs.mysqlVerifyCa())) {
            assertLoggedInAs(c, "slow");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'Ssl_cipher'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).startsWith("TLS_");
            }
        }
        assertDenied(() -> mysql("slow", "wrong", "sslMode=REQUIRED"), "slow");
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreDeniedOnEveryPath() {
        for (String user : List.of("fast", "both", "old", "nobody")) {
            assertDenied(() -> mysql(user, "wrong", "sslMode=DISABLED"), user);
            assertDenied(() -> mysql(user, "wrong", "sslMode=REQUIRED"), user);
            assertDenied(() -> mariadb(user, "wrong", "sslMode=disable"), user);
        }
        assertDenied(() -> mysql("fast", "", "sslMode=DISABLED"), "fast");
        assertDenied(() -> mysql("open", "something", "sslMode=DISABLED"), "open");
        assertDenied(() -> mariadb("slow", "wrong", "sslMode=trust"), "slow");
        assertDenied(() -> mariadb("slow", "wrong", "sslMode=disable&allowPublicKeyRetrieval=true"), "slow");
    }

    @Test
    void mariadbConnectorJWithNativeAndCachingSha2() throws SQLException {
        for (String user : List.of("old", "fast", "both")) {
            try (Connection c = mariadb(user, PASSWORD, "sslMode=disable")) {
                assertLoggedInAs(c, user);
            }
        }
        try (Connection c = mariadb("slow", PASSWORD, certs.mariadbVerifyCa())) {
            assertLoggedInAs(c, "slow");
        }
        try (Connection c = mariadb("slow", PASSWORD, "sslMode=disable&allowPublicKeyRetrieval=true")) {
            assertLoggedInAs(c, "slow");
        }
        try (Connection c = mariadb("open", "", "sslMode=disable")) {
            assertLoggedInAs(c, "open");
        }
    }

    @Test
    void mariadbCommandLineClient() throws Exception {
        Optional<Path> cli = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "mariadb")).filter(Files::isExecutable).findFirst();
        assumeTrue(cli.isPresent(), "no mariadb client installed");
        assertThat(cli(cli.get(), "old", "--skip-ssl")).contains("old@");
        assertThat(cli(cli.get(), "fast", "--skip-ssl")).contains("fast@");
        assertThat(cli(cli.get(), "slow", "--ssl", "--ssl-ca=" + certs.certPem, "--ssl-verify-server-cert"))
                .contains("slow@");
    }

    private static String cli(Path cli, String user, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--no-defaults", "--protocol=TCP",
                "-h", "127.0.0.1", "-P", String.valueOf(proxy.port()), "-u", user, "--batch", "shardgate",
                "-e", "SELECT USER()"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", PASSWORD); // not on the command line, where ps would show it
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("client finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static void assertLoggedInAs(Connection c, String user) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT USER()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith(user + "@");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isPositive();
        }
    }

    private interface Connect {
        Connection open() throws SQLException;
    }

    private static void assertDenied(Connect connect, String user) {
        assertThatThrownBy(() -> connect.open().close()).as(user)
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("Access denied for user '" + user + "'");
                });
    }
}
