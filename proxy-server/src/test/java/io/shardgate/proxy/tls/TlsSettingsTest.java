package io.shardgate.proxy.tls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsSettingsTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
    }

    @Test
    void loadsPemFilesAndKeystores() throws Exception {
        TlsSettings pem = TlsSettings.fromPem(certs.certPem, certs.keyPem, true);
        assertThat(pem.enabled()).isTrue();
        assertThat(pem.required()).isTrue();
        assertThat(pem.description()).contains("CN=localhost", "valid until");
        TlsSettings keystore = TlsSettings.fromKeyStore(certs.keystore, TestCertificates.PASSWORD.toCharArray(),
                false);
        assertThat(keystore.enabled()).isTrue();
        assertThat(TlsSettings.DISABLED.enabled()).isFalse();
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStartup() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path otherKey = dir.resolve("other-key.pem");
        Files.writeString(otherKey, TestCertificates.pem("PRIVATE KEY",
                generator.generateKeyPair().getPrivate().getEncoded()));
        assertThatThrownBy(() -> TlsSettings.fromPem(certs.certPem, otherKey, false))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("is not the key of the certificate");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        Path ecKey = dir.resolve("ec-key.pem");
        Files.writeString(ecKey, TestCertificates.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
        assertThatThrownBy(() -> TlsSettings.fromPem(certs.certPem, ecKey, false))
                .hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void wrongKeystorePasswordAndMissingKeyAreNamed() throws Exception {
        assertThatThrownBy(() -> TlsSettings.fromKeyStore(certs.keystore, "wrong".toCharArray(), false))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TlsSettings.fromKeyStore(certs.truststore,
                TestCertificates.PASSWORD.toCharArray(), false)).hasMessageContaining("holds no private key");
        assertThatThrownBy(() -> new TlsSettings(null, true, "x")).hasMessageContaining("with a certificate");
    }
}
