package io.shardgate.proxy.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** The verifiers {@code --hash-password} can print for a users file, named as {@code --hash-format} takes them. */
public enum PasswordFormat {
    /** {@code *HEX}: SHA1(SHA1(password)), for mysql_native_password. */
    NATIVE,
    /** {@code sha2:HEX}: SHA256(SHA256(password)), for caching_sha2_password's fast path. */
    SHA2,
    /** {@code pbkdf2-sha256:...}: salted and slow; caching_sha2_password's full authentication only. */
    PBKDF2;

    public static PasswordFormat named(String name) {
        for (PasswordFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown password format '" + name + "' (native, sha2 or pbkdf2)");
    }

    /** The users-file value for {@code password}: the verifiers separated by spaces; "" for no password. */
    public static String verifiers(String password, Collection<PasswordFormat> formats) {
        if (password.isEmpty()) {
            return "";
        }
        return formats.stream().distinct().sorted().map(f -> f.verifier(password)).collect(Collectors.joining(" "));
    }

    private String verifier(String password) {
        return switch (this) {
            case NATIVE -> NativePassword.storedHashText(password);
            case SHA2 -> CachingSha2Password.verifierText(password);
            case PBKDF2 -> Pbkdf2Password.of(password).text();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
