package io.shardgate.proxy.auth;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What the proxy keeps for one user: verifiers of the password, never the password. The verifiers a user has decide
 * how a client may prove the password: a native hash allows mysql_native_password, a sha2 verifier
 * caching_sha2_password's fast path, a PBKDF2 hash its full authentication only. A user without any has no
 * password. All verifiers of one user come from the same password ({@code --hash-password} prints them together).
 */
final class Credentials {
    static final Credentials NO_PASSWORD = new Credentials(null, null, null);

    private final byte[] nativeHash;
    private final byte[] sha2;
    private final Pbkdf2Password pbkdf2;

    private Credentials(byte[] nativeHash, byte[] sha2, Pbkdf2Password pbkdf2) {
        this.nativeHash = nativeHash;
        this.sha2 = sha2;
        this.pbkdf2 = pbkdf2;
    }

    /**
     * Parses a users-file value: verifiers separated by spaces ({@code *HEX}, {@code sha2:HEX},
     * {@code pbkdf2-sha256:...}), at most one of each kind; empty for no password.
     *
     * @throws IllegalArgumentException saying what is wrong, without the caller's location
     */
    static Credentials parse(String text) {
        byte[] nativeHash = null;
        byte[] sha2 = null;
        Pbkdf2Password pbkdf2 = null;
        for (String verifier : text.strip().split("\\s+")) {
            if (verifier.isEmpty()) {
                continue;
            }
            boolean repeated;
            if (verifier.startsWith("*")) {
                repeated = nativeHash != null;
                nativeHash = hex(verifier.substring(1), 20, "a mysql_native_password hash is '*' and 40 hex digits");
            } else if (verifier.startsWith(CachingSha2Password.PREFIX)) {
                repeated = sha2 != null;
                sha2 = hex(verifier.substring(CachingSha2Password.PREFIX.length()), 32,
                        "a caching_sha2_password verifier is '" + CachingSha2Password.PREFIX + "' and 64 hex digits");
            } else if (verifier.startsWith(Pbkdf2Password.PREFIX)) {
                repeated = pbkdf2 != null;
                pbkdf2 = Pbkdf2Password.parse(verifier);
            } else {
                // not echoed: a line that is no verifier may be a password pasted by mistake
                throw new IllegalArgumentException("not a password verifier: expected *HEX, "
                        + CachingSha2Password.PREFIX + "HEX or " + Pbkdf2Password.PREFIX
                        + "... (java -jar shardgate-proxy.jar --hash-password prints them)");
            }
            if (repeated) {
                throw new IllegalArgumentException("two verifiers of the same kind");
            }
        }
        return nativeHash == null && sha2 == null && pbkdf2 == null ? NO_PASSWORD
                : new Credentials(nativeHash, sha2, pbkdf2);
    }

    private static byte[] hex(String digits, int bytes, String expected) {
        if (digits.length() != bytes * 2) {
            throw new IllegalArgumentException(expected);
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    boolean noPassword() {
        return this == NO_PASSWORD;
    }

    /** SHA1(SHA1(password)), or null when mysql_native_password cannot be used. */
    byte[] nativeHash() {
        return nativeHash;
    }

    /** SHA256(SHA256(password)), or null when caching_sha2_password's fast path cannot be used. */
    byte[] sha2() {
        return sha2;
    }

    /** The plugin to ask a client to switch to: caching_sha2_password unless only a native hash is stored. */
    String preferredPlugin() {
        return nativeHash != null && sha2 == null && pbkdf2 == null ? NativePassword.PLUGIN
                : CachingSha2Password.PLUGIN;
    }

    /** Checks a password the client sent itself (full authentication) against the strongest verifier stored. */
    boolean matchesCleartext(byte[] password) {
        if (noPassword()) {
            return password.length == 0;
        }
        if (pbkdf2 != null) {
            return pbkdf2.matches(password);
        }
        if (password.length == 0) {
            return false;
        }
        if (sha2 != null) {
            return MessageDigest.isEqual(CachingSha2Password.verifier(password), sha2);
        }
        return MessageDigest.isEqual(NativePassword.sha1(NativePassword.sha1(password)), nativeHash);
    }

}
