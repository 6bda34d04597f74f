package io.shardgate.proxy.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A salted, slow password hash (PBKDF2-HMAC-SHA256) for users files that must resist offline guessing, in the
 * spirit of MySQL's own salted caching_sha2_password storage. No challenge-response can be checked against it, so
 * such a user always takes caching_sha2_password's full authentication: the client sends the password itself, in
 * clear over TLS or RSA-encrypted otherwise. Users-file form:
 * {@code pbkdf2-sha256:<iterations>:<salt hex>:<hash hex>}.
 *
 * @param iterations the work factor, stored so it can be raised for new hashes without breaking old ones
 */
record Pbkdf2Password(int iterations, byte[] salt, byte[] hash) {
    static final String PREFIX = "pbkdf2-sha256:";
    /** Comparable in cost to MySQL's 5000 rounds of SHA-256 crypt: paid on every login of such a user. */
    static final int DEFAULT_ITERATIONS = 10_000;
    static final int MIN_ITERATIONS = 1_000;
    static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    Pbkdf2Password {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (salt.length < 8 || hash.length != 32) {
            throw new IllegalArgumentException("a salt of at least 8 bytes and a 32-byte hash are required");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A fresh random salt and the default work factor. */
    static Pbkdf2Password of(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Pbkdf2Password(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /** Parses the users-file form; the message says what is wrong, without the caller's location. */
    static Pbkdf2Password parse(String text) {
        String[] parts = text.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected " + PREFIX + "<iterations>:<salt hex>:<hash hex>");
        }
        try {
            return new Pbkdf2Password(Integer.parseInt(parts[0]), HexFormat.of().parseHex(parts[1]),
                    HexFormat.of().parseHex(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + PREFIX + " iterations and hashes must be numbers and hex");
        }
    }

    String text() {
        return PREFIX + iterations + ":" + HEX.formatHex(salt) + ":" + HEX.formatHex(hash);
    }

    /** True when {@code password} (the client's bytes, UTF-8) is the hashed one. */
    boolean matches(byte[] password) {
        if (password.length == 0) {
            return false; // an empty password is stored as no password, never hashed
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password)).toString();
        } catch (CharacterCodingException e) {
            return false; // the hashed password was text, so bytes that are not UTF-8 cannot be it
        }
        return MessageDigest.isEqual(derive(text, salt, iterations), hash);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pbkdf2Password p && iterations == p.iterations && Arrays.equals(salt, p.salt)
                && Arrays.equals(hash, p.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "Pbkdf2Password[" + iterations + " iterations]";
    }
}
