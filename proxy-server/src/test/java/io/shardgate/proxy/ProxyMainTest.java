package io.shardgate.proxy;

import io.shardgate.proxy.auth.CachingSha2Password;
import io.shardgate.proxy.auth.NativePassword;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(InputStream in, String... args) {
        return ProxyMain.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run(InputStream.nullInputStream(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--config", "--port", "3307", "--users");
    }

    @Test
    void unknownOptionFailsWithUsage() {
        assertThat(run(InputStream.nullInputStream(), "--prot", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --prot", "Usage:");
    }

    @Test
    void badPortIsNamed() {
        assertThat(run(InputStream.nullInputStream(), "--port", "99999")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be in 0..65535");
    }

    @Test
    void hashPasswordPrintsTheNativeAndSha2VerifiersByDefault() {
        InputStream in = new ByteArrayInputStream("secret\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run(in, "--hash-password")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(NativePassword.storedHashText("secret")
                + " " + CachingSha2Password.verifierText("secret"))
                .isEqualTo("*14E65567ABDB5135D0CFD9A70B3032C179A49EE7 "
                        + "sha2:3881219D087DD9C634373FD33DFA33A2CB6BFC6C520B64B8BB60EF2CEB534AE7");
    }

    @Test
    void hashFormatChoosesTheVerifiers() {
        InputStream in = new ByteArrayInputStream("secret\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run(in, "--hash-password", "--hash-format", "pbkdf2")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .matches("pbkdf2-sha256:10000:[0-9A-F]{32}:[0-9A-F]{64}");
        assertThat(run(InputStream.nullInputStream(), "--hash-password", "--hash-format", "md5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown password format 'md5'");
    }

    @Test
    void unusableCertificateIsNamed() {
        assertThat(run(InputStream.nullInputStream(), "--port", "0", "--tls-cert", "missing.pem", "--tls-key",
                "missing-key.pem")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot start the proxy", "missing.pem");
    }

    @Test
    void publicAddressWithoutUsersIsRefused() {
        assertThat(run(InputStream.nullInputStream(), "--bind", "0.0.0.0", "--port", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs --users");
    }
}
