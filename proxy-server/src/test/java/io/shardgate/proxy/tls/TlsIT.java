package io.shardgate.proxy.tls;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * TLS with a certificate made at test time: MySQL Connector/J, MariaDB Connector/J and the mariadb command-line
 * client switch to TLS, verify the certificate, and run statements; the proxy reports the negotiated cipher.
 * One proxy offers TLS from PEM files, another requires it with a PKCS#12 keystore.
 */
class TlsIT {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Proxy optional;
    static Proxy required;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        certs = TestCertificates.create(dir.resolve("certs"));
        optional = Proxy.start(ProxyOptions.parse("--port", "0", "--data-dir", dir.resolve("a").toString(),
                "--tls-cert", certs.certPem.toString(), "--tls-key", certs.keyPem.toString()));
        required = Proxy.start(ProxyOptions.parse("--port", "0", "--data-dir", dir.resolve("b").toString(),
                "--tls-keystore", certs.keystore.toString(), "--tls-keystore-password", TestCertificates.PASSWORD,
                "--require-tls"));
    }

    @AfterAll
    static void stop() {
        for (Proxy p : new Proxy[] {optional, required}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private static String mysql(Proxy proxy, String options) {
        return "jdbc:mysql://127.0.0.1:" + proxy.port() + "/shardgate?user=root&password=&" + options;
    }

    private static String mariadb(Proxy proxy, String options) {
        return "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/shardgate?user=root&password=&" + options;
    }

    @Test
    void mysqlConnectorJEncryptsWithRequiredVerifyCaAndVerifyIdentity() throws SQLException {
        for (String ssl : List.of("sslMode=REQUIRED", certs.mysqlVerifyCa(),
                certs.mysqlVerifyCa().replace("VERIFY_CA", "VERIFY_IDENTITY"))) {
            try (Connection c = DriverManager.getConnection(mysql(optional, ssl))) {
                assertEncryptedAndWorking(c);
            }
        }
    }

    @Test
    void mariadbConnectorJEncryptsWithTrustAndVerifyCa() throws SQLException {
        for (String ssl : List.of("sslMode=trust", certs.mariadbVerifyCa(), "useServerPrepStmts=true&sslMode=trust")) {
            try (Connection c = DriverManager.getConnection(mariadb(optional, ssl))) {
                assertEncryptedAndWorking(c);
            }
        }
    }

    @Test
    void plainConnectionsStillWorkWhereTlsIsOptionalAndReportNoCipher() throws SQLException {
        try (Connection c = DriverManager.getConnection(mysql(optional, "sslMode=DISABLED"));
             Statement s = c.createStatement()) {
            assertThat(status(s, "Ssl_cipher")).isEmpty();
            assertThat(status(s, "Ssl_version")).isEmpty();
        }
    }

    @Test
    void requireTlsRefusesPlainClientsWithAClearError() throws SQLException {
        assertThatThrownBy(() -> DriverManager.getConnection(mysql(required, "sslMode=DISABLED")))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(3159);
                    assertThat(e.getMessage()).contains("requires TLS");
                });
        assertThatThrownBy(() -> DriverManager.getConnection(mariadb(required, "sslMode=disable")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(3159));
        try (Connection c = DriverManager.getConnection(mysql(required, certs.mysqlVerifyCa()))) {
            assertEncryptedAndWorking(c);
        }
    }

    @Test
    void anUntrustedCertificateFailsOnTheClientAndTheProxyCarriesOn() throws SQLException {
        // the JDK's default trust anchors do not include the test certificate
        assertThatThrownBy(() -> DriverManager.getConnection(mysql(optional, "sslMode=VERIFY_CA")))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(mariadb(optional, "sslMode=verify-ca")))
                .isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(mysql(optional, "sslMode=REQUIRED"))) {
            assertEncryptedAndWorking(c);
        }
    }

    @Test
    void mariadbCommandLineClientVerifiesTheCertificate() throws Exception {
        Optional<Path> cli = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "mariadb")).filter(Files::isExecutable).findFirst();
        assumeTrue(cli.isPresent(), "no mariadb client installed");
        List<String> command = new ArrayList<>(List.of(cli.get().toString(), "--no-defaults", "--protocol=TCP",
                "-h", "127.0.0.1", "-P", String.valueOf(required.port()), "-u", "root", "--batch", "--ssl",
                "--ssl-ca=" + certs.certPem, "--ssl-verify-server-cert", "shardgate",
                "-e", "SHOW STATUS LIKE 'Ssl_cipher'; SELECT COUNT(*) AS n FROM customers"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("client finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("Ssl_cipher\tTLS_\\w+").containsPattern("n\n[1-9]");
    }

    private static void assertEncryptedAndWorking(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(status(s, "Ssl_cipher")).startsWith("TLS_");
            assertThat(status(s, "Ssl_version")).isIn("TLSv1.2", "TLSv1.3");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
        try (var p = c.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
            p.setLong(1, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotBlank();
            }
        }
    }

    private static String status(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertThat(rs.next()).as(name).isTrue();
            return rs.getString(2);
        }
    }
}
