package io.shardgate.proxy.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's accounts: user name to mysql_native_password stored hash (SHA1(SHA1(password)), never the password).
 * Loaded from a users file of {@code name:*HEX} lines (blank lines and {@code #} comments ignored; {@code name:}
 * alone means no password), which {@code --hash-password} helps to write.
 */
public final class UserStore {
    private final Map<String, byte[]> hashes;

    private UserStore(Map<String, byte[]> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /** The embedded default: {@code root} without a password, fit only for a loopback demo. */
    public static UserStore rootWithoutPassword() {
        return new UserStore(Map.of("root", new byte[0]));
    }

    public static UserStore of(Map<String, String> hashTextByUser) {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        hashTextByUser.forEach((user, hash) -> hashes.put(user, parseHash(hash, user)));
        return new UserStore(hashes);
    }

    public static UserStore load(Path file) throws IOException {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected name:*HEX");
            }
            String user = trimmed.substring(0, colon).strip();
            String where = file + ":" + lineNumber;
            if (hashes.put(user, parseHash(trimmed.substring(colon + 1).strip(), where)) != null) {
                throw new IllegalArgumentException(where + ": user " + user + " appears twice");
            }
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException(file + ": no users");
        }
        return new UserStore(hashes);
    }

    private static byte[] parseHash(String text, String where) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        if (text.length() != 41 || text.charAt(0) != '*') {
            throw new IllegalArgumentException(where + ": a password hash is '*' and 40 hex digits "
                    + "(java -jar shardgate-proxy.jar --hash-password prints one)");
        }
        try {
            return HexFormat.of().parseHex(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the password hash is not hexadecimal");
        }
    }

    /** The stored hash of a user; empty when unknown. */
    public Optional<byte[]> hash(String user) {
        byte[] hash = hashes.get(user);
        return hash == null ? Optional.empty() : Optional.of(hash.clone());
    }

    public int size() {
        return hashes.size();
    }
}
