package io.shardgate.proxy.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserStoreTest {
    @TempDir
    Path dir;

    @Test
    void loadsHashesAndEmptyPasswords() throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, """
                # accounts of the proxy
                app:*14E65567ABDB5135D0CFD9A70B3032C179A49EE7

                guest:
                """);
        UserStore users = UserStore.load(file);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.hash("app"))
                .hasValueSatisfying(h -> assertThat(h).isEqualTo(NativePassword.storedHash("secret")));
        assertThat(users.hash("guest")).hasValueSatisfying(h -> assertThat(h).isEmpty());
        assertThat(users.hash("root")).isEmpty();
    }

    @Test
    void refusesPlainTextAndDuplicatesNamingTheLine() throws IOException {
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "app:secret\n");
        assertThatThrownBy(() -> UserStore.load(plain)).hasMessageContaining("plain:1")
                .hasMessageContaining("--hash-password");
        Path twice = dir.resolve("twice");
        Files.writeString(twice, "a:\na:\n");
        assertThatThrownBy(() -> UserStore.load(twice)).hasMessageContaining("twice:2").hasMessageContaining("twice");
    }

    @Test
    void defaultIsRootWithoutPassword() {
        assertThat(UserStore.rootWithoutPassword().hash("root")).hasValueSatisfying(h -> assertThat(h).isEmpty());
    }
}
