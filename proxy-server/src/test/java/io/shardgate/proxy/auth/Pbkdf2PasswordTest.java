package io.shardgate.proxy.auth;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pbkdf2PasswordTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesRfc7914VectorThroughAnIndependentHmacLoop() throws Exception {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256("Password", "NaCl", 80000), first 32 of its 64 bytes
        assertThat(HEX.formatHex(pbkdf2("Password", "NaCl".getBytes(StandardCharsets.US_ASCII), 80_000)))
                .isEqualTo("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    }

    @Test
    void hashesAsTheIndependentImplementationAndPythonDo() throws Exception {
        byte[] salt = new byte[16];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i;
        }
        // hashlib.pbkdf2_hmac('sha256', b'secret', bytes(range(16)), 1000, 32)
        String python = "4EFB2BBB6D2EB58EA8DEAED54417AE2FD87FD50A8A8568709363DA60D4560606";
        assertThat(HexFormat.of().withUpperCase().formatHex(pbkdf2("secret", salt, 1000))).isEqualTo(python);
        Pbkdf2Password stored = Pbkdf2Password.parse("pbkdf2-sha256:1000:000102030405060708090A0B0C0D0E0F:" + python);
        assertThat(stored.matches("secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(stored.matches("Secret".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(stored.matches(new byte[0])).isFalse();
        assertThat(stored.matches(new byte[] {(byte) 0xC3})).isFalse(); // not UTF-8
    }

    @Test
    void freshHashesAreSaltedAndRoundTrip() {
        Pbkdf2Password a = Pbkdf2Password.of("päss");
        Pbkdf2Password b = Pbkdf2Password.of("päss");
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.iterations()).isEqualTo(Pbkdf2Password.DEFAULT_ITERATIONS);
        assertThat(Pbkdf2Password.parse(a.text())).isEqualTo(a);
        assertThat(a.matches("päss".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void malformedFormsAreRefused() {
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:1000:00")).hasMessageContaining("expected");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:x:0011223344556677:" + "00".repeat(32)))
                .hasMessageContaining("numbers and hex");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:10:0011223344556677:" + "00".repeat(32)))
                .hasMessageContaining("iterations");
        assertThatThrownBy(() -> Pbkdf2Password.parse("pbkdf2-sha256:1000:00:" + "00".repeat(32)))
                .hasMessageContaining("salt");
    }

    /** RFC 8018's F(P, S, c, 1) written out with HMAC, independent of the JDK's PBKDF2 key factory. */
    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(ByteBuffer.allocate(4).putInt(1).array());
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        return t;
    }
}
