package io.shardgate.proxy.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

/**
 * The proxy's side of TLS: the certificate and key it presents (from PEM files or a PKCS#12/JKS keystore), and
 * whether clients that stay in plain text are refused. Protocols and cipher suites are the JDK's defaults (TLS 1.3
 * and 1.2), which every current MySQL and MariaDB client accepts.
 *
 * @param context     null when TLS is off
 * @param required    refuse clients that do not ask for TLS
 * @param description the certificate's subject and expiry, for the startup log
 */
public record TlsSettings(SSLContext context, boolean required, String description) {
    public static final TlsSettings DISABLED = new TlsSettings(null, false, "off");

    public TlsSettings {
        if (required && context == null) {
            throw new IllegalArgumentException("TLS can only be required with a certificate");
        }
    }

    public boolean enabled() {
        return context != null;
    }

    /** A certificate chain (server first) and its unencrypted private key, both PEM. */
    public static TlsSettings fromPem(Path certificate, Path privateKey, boolean required)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(certificate);
        PrivateKey key = Pem.privateKey(privateKey);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new GeneralSecurityException(privateKey + " is not the key of the certificate in " + certificate);
        }
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setKeyEntry("proxy", key, password, chain.toArray(new Certificate[0]));
        return of(store, password, required, chain.get(0));
    }

    /** A PKCS#12 (or JKS) keystore whose key entry is protected by the store's password. */
    public static TlsSettings fromKeyStore(Path keystore, char[] password, boolean required)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(keystore.toFile(), password);
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                return of(store, password, required, cert);
            }
        }
        throw new GeneralSecurityException(keystore + " holds no private key with a certificate");
    }

    private static TlsSettings of(KeyStore store, char[] password, boolean required, X509Certificate certificate)
            throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new TlsSettings(context, required, certificate.getSubjectX500Principal().getName()
                + ", valid until " + certificate.getNotAfter().toInstant());
    }

    /**
     * A key that does not belong to the certificate would only show up as failed handshakes on the clients: sign
     * with the one and verify with the other to catch it at startup.
     */
    private static boolean matches(PrivateKey key, PublicKey certified) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true; // rarer key types are left to the handshake
        }
        byte[] probe = "shardgate".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a certificate for another kind of key
        }
    }
}
