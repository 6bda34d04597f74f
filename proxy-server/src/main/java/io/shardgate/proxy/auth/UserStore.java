package io.shardgate.proxy.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's accounts: user name to {@link Credentials}, verifiers of the password and never the password. Loaded
 * from a users file of {@code name:VERIFIER [VERIFIER...]} lines (blank lines and {@code #} comments ignored;
 * {@code name:} alone means no password), which {@code --hash-password} helps to write.
 */
public final class UserStore {
    private final Map<String, Credentials> users;

    private UserStore(Map<String, Credentials> users) {
        this.users = Map.copyOf(users);
    }

    /** The embedded default: {@code root} without a password, fit only for a loopback demo. */
    public static UserStore rootWithoutPassword() {
        return new UserStore(Map.of("root", Credentials.NO_PASSWORD));
    }

    /** Users from their users-file values, e.g. {@code "*HEX sha2:HEX"}. */
    public static UserStore of(Map<String, String> verifiersByUser) {
        Map<String, Credentials> users = new LinkedHashMap<>();
        verifiersByUser.forEach((user, text) -> users.put(user, parse(text, user)));
        return new UserStore(users);
    }

    public static UserStore load(Path file) throws IOException {
        Map<String, Credentials> users = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String where = file + ":" + lineNumber;
            if (colon <= 0) {
                throw new IllegalArgumentException(where + ": expected name:VERIFIER");
            }
            String user = trimmed.substring(0, colon).strip();
            if (users.put(user, parse(trimmed.substring(colon + 1), where)) != null) {
                throw new IllegalArgumentException(where + ": user " + user + " appears twice");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(file + ": no users");
        }
        return new UserStore(users);
    }

    private static Credentials parse(String text, String where) {
        try {
            return Credentials.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** A user's credentials; empty when unknown. */
    Optional<Credentials> credentials(String user) {
        return Optional.ofNullable(users.get(user));
    }

    /**
     * The plugin the greeting proposes, so that most clients answer right away in the one their user needs:
     * caching_sha2_password once any user can use it, mysql_native_password otherwise.
     */
    String greetingPlugin() {
        for (Credentials c : users.values()) {
            if (!c.noPassword() && c.preferredPlugin().equals(CachingSha2Password.PLUGIN)) {
                return CachingSha2Password.PLUGIN;
            }
        }
        return NativePassword.PLUGIN;
    }

    public int size() {
        return users.size();
    }
}
