package io.shardgate.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * mysql_native_password. The server keeps only SHA1(SHA1(password)) (the "*HEX" form MySQL's PASSWORD() printed);
 * the client proves it knows SHA1(password) by sending {@code SHA1(password) XOR SHA1(scramble + stored)}. The
 * server recovers the candidate SHA1(password) with the same XOR and checks that its SHA1 is the stored hash, so
 * the password itself never crosses the wire or sits in the configuration.
 */
public final class NativePassword {
    public static final String PLUGIN = "mysql_native_password";

    private static final SecureRandom RANDOM = new SecureRandom();

    private NativePassword() {
    }

    /**
     * A fresh 20-byte challenge. Bytes are printable ASCII without NUL or '$': some clients treat the scramble as a
     * C string, and MySQL's own generator stays in that range.
     */
    public static byte[] newScramble() {
        byte[] scramble = new byte[20];
        for (int i = 0; i < scramble.length; i++) {
            int b;
            do {
                b = 0x21 + RANDOM.nextInt(0x7E - 0x21 + 1);
            } while (b == '$');
            scramble[i] = (byte) b;
        }
        return scramble;
    }

    /** SHA1(SHA1(password)); empty for the empty password, which MySQL also stores as "no hash". */
    public static byte[] storedHash(String password) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        return sha1(sha1(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** The configuration form of {@link #storedHash}: "*" and 40 upper-case hex digits, or "" for no password. */
    public static String storedHashText(String password) {
        byte[] hash = storedHash(password);
        return hash.length == 0 ? "" : "*" + HexFormat.of().withUpperCase().formatHex(hash);
    }

    /** What a client sends for {@code password} given the server's scramble. */
    public static byte[] clientResponse(String password, byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] mask = sha1(scramble, sha1(stage1));
        return xor(stage1, mask);
    }

    /** True when {@code response} proves knowledge of the password whose stored hash is {@code stored}. */
    public static boolean verify(byte[] scramble, byte[] response, byte[] stored) {
        if (stored.length == 0 || response.length == 0) {
            return stored.length == 0 && response.length == 0;
        }
        if (response.length != 20 || stored.length != 20) {
            return false;
        }
        byte[] candidate = xor(response, sha1(scramble, stored));
        return MessageDigest.isEqual(sha1(candidate), stored);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
