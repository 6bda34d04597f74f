package io.shardgate.proxy.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserStoreTest {
    private static final String SHA2_SECRET = "sha2:3881219D087DD9C634373FD33DFA33A2CB6BFC6C520B64B8BB60EF2CEB534AE7";

    @TempDir
    Path dir;

    @Test
    void loadsVerifiersAndEmptyPasswords() throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, """
                # accounts of the proxy
                app:*14E65567ABDB5135D0CFD9A70B3032C179A49EE7

                guest:
                modern: *14E65567ABDB5135D0CFD9A70B3032C179A49EE7   %s
                """.formatted(SHA2_SECRET));
        UserStore users = UserStore.load(file);
        assertThat(users.size()).isEqualTo(3);
        Credentials app = users.credentials("app").orElseThrow();
        assertThat(app.nativeHash()).isEqualTo(NativePassword.storedHash("secret"));
        assertThat(app.sha2()).isNull();
        assertThat(app.preferredPlugin()).isEqualTo(NativePassword.PLUGIN);
        assertThat(users.credentials("guest")).hasValue(Credentials.NO_PASSWORD);
        Credentials modern = users.credentials("modern").orElseThrow();
        assertThat(modern.nativeHash()).isNotNull();
        assertThat(modern.sha2()).isEqualTo(CachingSha2Password.verifier(bytes("secret")));
        assertThat(modern.preferredPlugin()).isEqualTo(CachingSha2Password.PLUGIN);
        assertThat(users.credentials("root")).isEmpty();
    }

    @Test
    void greetingProposesCachingSha2OnlyWhenSomeoneCanUseIt() {
        assertThat(UserStore.rootWithoutPassword().greetingPlugin()).isEqualTo(NativePassword.PLUGIN);
        assertThat(UserStore.of(Map.of("a", NativePassword.storedHashText("x"), "b", "")).greetingPlugin())
                .isEqualTo(NativePassword.PLUGIN);
        assertThat(UserStore.of(Map.of("a", NativePassword.storedHashText("x"), "b", SHA2_SECRET)).greetingPlugin())
                .isEqualTo(CachingSha2Password.PLUGIN);
    }

    @Test
    void cleartextPasswordsAreCheckedAgainstTheStrongestVerifier() {
        for (List<PasswordFormat> formats : List.of(List.of(PasswordFormat.NATIVE), List.of(PasswordFormat.SHA2),
                List.of(PasswordFormat.NATIVE, PasswordFormat.PBKDF2))) {
            Credentials c = Credentials.parse(PasswordFormat.verifiers("päss", formats));
            assertThat(c.matchesCleartext(bytes("päss"))).as("%s", formats).isTrue();
            assertThat(c.matchesCleartext(bytes("pass"))).as("%s", formats).isFalse();
            assertThat(c.matchesCleartext(new byte[0])).as("%s", formats).isFalse();
        }
        assertThat(Credentials.NO_PASSWORD.matchesCleartext(new byte[0])).isTrue();
        assertThat(Credentials.NO_PASSWORD.matchesCleartext(bytes("x"))).isFalse();
    }

    @Test
    void refusesPlainTextDuplicatesAndBadVerifiersNamingTheLineButNotThePassword() throws IOException {
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "app:hunter2\n");
        assertThatThrownBy(() -> UserStore.load(plain)).hasMessageContaining("plain:1")
                .hasMessageContaining("--hash-password").hasMessageNotContaining("hunter2");
        Path twice = dir.resolve("twice");
        Files.writeString(twice, "a:\na:\n");
        assertThatThrownBy(() -> UserStore.load(twice)).hasMessageContaining("twice:2").hasMessageContaining("twice");
        Path shortHash = dir.resolve("short");
        Files.writeString(shortHash, "a:sha2:ABCD\n");
        assertThatThrownBy(() -> UserStore.load(shortHash)).hasMessageContaining("short:1")
                .hasMessageContaining("64 hex digits");
        Path two = dir.resolve("two");
        Files.writeString(two, "a:" + SHA2_SECRET + " " + SHA2_SECRET + "\n");
        assertThatThrownBy(() -> UserStore.load(two)).hasMessageContaining("two:1")
                .hasMessageContaining("same kind");
    }

    @Test
    void defaultIsRootWithoutPassword() {
        assertThat(UserStore.rootWithoutPassword().credentials("root")).hasValue(Credentials.NO_PASSWORD);
    }

    @Test
    void printedVerifiersParseBack() {
        String line = PasswordFormat.verifiers("secret", List.of(PasswordFormat.SHA2, PasswordFormat.NATIVE));
        assertThat(line).isEqualTo(NativePassword.storedHashText("secret") + " " + SHA2_SECRET);
        assertThat(PasswordFormat.verifiers("", List.of(PasswordFormat.SHA2))).isEmpty();
        assertThat(PasswordFormat.verifiers("x", List.of(PasswordFormat.PBKDF2))).startsWith("pbkdf2-sha256:10000:");
        assertThatThrownBy(() -> PasswordFormat.named("md5")).hasMessageContaining("native, sha2 or pbkdf2");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
