package io.shardgate.proxy.tls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
    }

    @Test
    void readsTheCertificateAndPkcs8KeyKeytoolMade() throws Exception {
        KeyStore store = KeyStore.getInstance(certs.keystore.toFile(), TestCertificates.PASSWORD.toCharArray());
        assertThat(Pem.certificates(certs.certPem)).containsExactly((X509Certificate) store.getCertificate("proxy"));
        assertThat(Pem.privateKey(certs.keyPem)).isEqualTo(TestCertificates.privateKey(store));
    }

    @Test
    void readsPkcs1RsaKeysAsMysqlGeneratesThem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        Path file = dir.resolve("pkcs1.pem");
        Files.writeString(file, "comment\n" + TestCertificates.pem("RSA PRIVATE KEY", pkcs1Of(key.getEncoded())));
        assertThat(Pem.privateKey(file)).isEqualTo(key);
    }

    @Test
    void readsEcKeysAndChains() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Path file = dir.resolve("ec.pem");
        Files.writeString(file, TestCertificates.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertThat(Pem.privateKey(file)).isEqualTo(pair.getPrivate());
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(certs.certPem) + Files.readString(certs.certPem));
        assertThat(Pem.certificates(chain)).hasSize(2);
    }

    @Test
    void refusesWhatItCannotReadWithAHint() throws Exception {
        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(encrypted, TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> Pem.privateKey(encrypted)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt").hasMessageContaining("--tls-keystore");
        assertThatThrownBy(() -> Pem.privateKey(certs.certPem)).hasMessageContaining("no BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> Pem.certificates(certs.keyPem)).hasMessageContaining("no BEGIN CERTIFICATE");
    }

    /**
     * The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: skip the outer SEQUENCE header, the version INTEGER and the
     * AlgorithmIdentifier SEQUENCE, then take the OCTET STRING's contents. A small DER walk, independent of
     * {@link Pem#wrapPkcs1}.
     */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at);                     // PrivateKeyInfo SEQUENCE
        int version = header(pkcs8, at);
        at[0] += version;
        int algorithm = header(pkcs8, at);
        at[0] += algorithm;
        int length = header(pkcs8, at);        // privateKey OCTET STRING
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    /** Reads a tag and length at {@code at[0]}, leaves {@code at[0]} on the contents, returns their length. */
    private static int header(byte[] der, int[] at) {
        int i = at[0] + 1;
        int first = der[i++] & 0xFF;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int n = 0; n < (first & 0x7F); n++) {
                length = length << 8 | der[i++] & 0xFF;
            }
        }
        at[0] = i;
        return length;
    }
}
