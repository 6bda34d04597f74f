package io.shardgate.proxy.auth;

import io.shardgate.proxy.tls.Pem;
import io.shardgate.proxy.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaKeyPairTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyDecryptsWhatItsPublishedPublicKeyEncrypted() throws Exception {
        RsaKeyPair keys = RsaKeyPair.generatedOnFirstUse();
        String pem = keys.publicKeyPem();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(keys.ciphertextLength()).isEqualTo(256);
        byte[] ciphertext = encrypt(pem, "secret\0");
        assertThat(keys.decrypt(ciphertext)).isEqualTo("secret\0".getBytes(StandardCharsets.UTF_8));
        assertThat(keys.publicKeyPem()).isEqualTo(pem); // generated once
    }

    @Test
    void aLoadedKeyKeepsItsPublicHalfAndSmallKeysAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path file = dir.resolve("rsa.pem");
        Files.writeString(file, TestCertificates.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        RsaKeyPair keys = RsaKeyPair.load(file);
        assertThat(keys.publicKeyPem()).isEqualTo(Pem.publicKey(pair.getPublic()));
        assertThat(keys.ciphertextLength()).isEqualTo(256);

        generator.initialize(1024);
        Path small = dir.resolve("small.pem");
        Files.writeString(small, TestCertificates.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate()
                .getEncoded()));
        assertThatThrownBy(() -> RsaKeyPair.load(small)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("fewer than 2048 bits");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        Path ecFile = dir.resolve("ec.pem");
        Files.writeString(ecFile, TestCertificates.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
        assertThatThrownBy(() -> RsaKeyPair.load(ecFile)).hasMessageContaining("not an RSA private key");
    }

    private static byte[] encrypt(String pem, String text) throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
