package io.shardgate.proxy.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as OpenSSL and MySQL write them: certificate chains, and unencrypted private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC or EdDSA) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, MySQL's generated keys).
 * Encrypted keys are refused with a hint: a passphrase would have to sit next to the file anyway, and a PKCS#12
 * keystore covers that case.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pem() {
    }

    /** The certificates of a PEM file in order: the server's first, then the chain towards the root. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.type().equals("CERTIFICATE")) {
                Certificate c = factory.generateCertificate(new ByteArrayInputStream(block.der()));
                chain.add((X509Certificate) c);
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(file + ": no BEGIN CERTIFICATE block");
        }
        return chain;
    }

    /** The first private key of a PEM file. */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der(), file);
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(block.der())));
                case "ENCRYPTED PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new GeneralSecurityException(file + ": " + block.type() + " is not supported; convert it "
                            + "with 'openssl pkcs8 -topk8 -nocrypt' or put it in a PKCS#12 keystore (--tls-keystore)");
                default:
                    break;
            }
        }
        throw new GeneralSecurityException(file + ": no BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY block");
    }

    /** A public key as {@code BEGIN PUBLIC KEY} (X.509 SubjectPublicKeyInfo), what MySQL clients expect. */
    public static String publicKey(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
        // PKCS#8 names its algorithm inside, but KeyFactory wants it up front: try the ones TLS servers use
        for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm
            }
        }
        throw new GeneralSecurityException(file + ": the private key is not RSA, EC or EdDSA");
    }

    /** PKCS#1 RSAPrivateKey into PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key as an OCTET STRING. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(derHeader(0x30, body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
        byte[] header = new byte[2 + bytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        }
        return header;
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": a " + m.group(1) + " block is not valid base64", e);
            }
        }
        return blocks;
    }
}
