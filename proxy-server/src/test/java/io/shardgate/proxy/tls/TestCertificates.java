package io.shardgate.proxy.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made at test time with the JDK's keytool so that no
 * private key is ever checked in; with the same key and certificate as PEM files and a truststore for clients.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    /** PKCS#12 with the key entry "proxy". */
    public final Path keystore;
    public final Path certPem;
    /** PKCS#8, unencrypted. */
    public final Path keyPem;
    /** PKCS#12 holding only the certificate, as a trust anchor. */
    public final Path truststore;

    private TestCertificates(Path dir) {
        keystore = dir.resolve("proxy.p12");
        certPem = dir.resolve("proxy-cert.pem");
        keyPem = dir.resolve("proxy-key.pem");
        truststore = dir.resolve("trust.p12");
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException,
            GeneralSecurityException {
        TestCertificates c = new TestCertificates(dir);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "proxy", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", c.keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance(c.keystore.toFile(), PASSWORD.toCharArray());
        Certificate cert = store.getCertificate("proxy");
        Files.writeString(c.certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(c.keyPem, pem("PRIVATE KEY", privateKey(store).getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("proxy", cert);
        try (OutputStream out = Files.newOutputStream(c.truststore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return c;
    }

    public static PrivateKey privateKey(KeyStore store) throws GeneralSecurityException {
        return (PrivateKey) store.getKey("proxy", PASSWORD.toCharArray());
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Connector/J options that verify the proxy's certificate against the truststore. */
    public String mysqlVerifyCa() {
        return "sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=" + truststore.toUri()
                + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=" + PASSWORD;
    }

    /** MariaDB Connector/J options that verify the proxy's certificate against the PEM certificate. */
    public String mariadbVerifyCa() {
        return "sslMode=verify-ca&serverSslCert=" + certPem;
    }
}
