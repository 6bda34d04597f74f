package io.shardgate.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * caching_sha2_password's fast path. The client sends {@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce)}.
 * MySQL keeps SHA256(SHA256(pw)) in a memory cache filled by a full authentication; the proxy keeps it in the
 * users file instead (the {@code sha2:} verifier), so the fast path works from the first connection. As with
 * mysql_native_password the server recovers the candidate SHA256(pw) with the XOR and checks that its SHA256 is
 * the stored verifier: the verifier alone does not let anyone log in.
 */
public final class CachingSha2Password {
    public static final String PLUGIN = "caching_sha2_password";
    /** Prefix of the stored verifier in the users file. */
    static final String PREFIX = "sha2:";

    /** AuthMoreData status after the fast path: accepted, an OK follows. */
    static final int FAST_AUTH_SUCCESS = 3;
    /** AuthMoreData status: send the password itself (over TLS in clear, otherwise RSA-encrypted). */
    static final int PERFORM_FULL_AUTHENTICATION = 4;
    /** What a client without the server's RSA public key sends to ask for it. */
    static final int REQUEST_PUBLIC_KEY = 2;

    private CachingSha2Password() {
    }

    /** SHA256(SHA256(password)). */
    public static byte[] verifier(byte[] password) {
        return sha256(sha256(password));
    }

    /** The users-file form: {@code sha2:} and 64 upper-case hex digits. */
    public static String verifierText(String password) {
        return PREFIX + HexFormat.of().withUpperCase().formatHex(verifier(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a client sends on the fast path for {@code password} and the server's 20-byte nonce. */
    public static byte[] clientResponse(String password, byte[] nonce) {
        byte[] stage1 = sha256(password.getBytes(StandardCharsets.UTF_8));
        return xor(stage1, sha256(sha256(stage1), nonce));
    }

    /** True when {@code response} proves knowledge of the password whose verifier is {@code verifier}. */
    static boolean verify(byte[] nonce, byte[] response, byte[] verifier) {
        if (response.length != 32 || verifier.length != 32) {
            return false;
        }
        byte[] candidate = xor(response, sha256(verifier, nonce));
        return MessageDigest.isEqual(sha256(candidate), verifier);
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
