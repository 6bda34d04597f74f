package io.shardgate.proxy.auth;

import io.shardgate.proxy.tls.Pem;

import javax.crypto.Cipher;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The server's RSA key for caching_sha2_password's full authentication without TLS: a client lacking the public key
 * asks for it, then sends its password XOR the nonce, encrypted with RSA-OAEP (SHA-1, as MySQL and its clients use).
 * Generated on first use unless loaded, so proxies whose users never need it do not pay for it at startup; a loaded
 * key stays the same across restarts, so clients can pin it (Connector/J's {@code serverRSAPublicKeyFile}).
 */
public final class RsaKeyPair {
    static final int MIN_BITS = 2048;
    private static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private KeyPair keys;

    private RsaKeyPair(KeyPair keys) {
        this.keys = keys;
    }

    public static RsaKeyPair generatedOnFirstUse() {
        return new RsaKeyPair(null);
    }

    /** Loads an RSA private key (PEM, PKCS#8 or PKCS#1) of at least 2048 bits; its public half is derived. */
    public static RsaKeyPair load(Path privateKeyPem) throws IOException, GeneralSecurityException {
        PrivateKey key = Pem.privateKey(privateKeyPem);
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new GeneralSecurityException(privateKeyPem + ": not an RSA private key");
        }
        if (rsa.getModulus().bitLength() < MIN_BITS) {
            throw new GeneralSecurityException(privateKeyPem + ": the RSA key has fewer than " + MIN_BITS + " bits");
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new RsaKeyPair(new KeyPair(publicKey, rsa));
    }

    private synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(MIN_BITS);
                keys = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime generates RSA keys", e);
            }
        }
        return keys;
    }

    /** What the server sends a client that asked for the key. */
    String publicKeyPem() {
        return Pem.publicKey(keys().getPublic());
    }

    /** The length of every ciphertext: the modulus in bytes. */
    int ciphertextLength() {
        return (((RSAPublicKey) keys().getPublic()).getModulus().bitLength() + 7) / 8;
    }

    /** @throws GeneralSecurityException when the ciphertext was not made with the public key (a wrong key) */
    byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(OAEP);
        cipher.init(Cipher.DECRYPT_MODE, keys().getPrivate());
        return cipher.doFinal(ciphertext);
    }
}
