package io.shardgate.proxy.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class NativePasswordTest {
    /** Bytes 0x21..0x34, a fixed scramble for the vectors below. */
    private static final byte[] SCRAMBLE = "!\"#$%&'()*+,-./01234".getBytes(StandardCharsets.US_ASCII);

    @Test
    void storedHashMatchesMysqlPasswordFunction() {
        // MySQL 5.7: SELECT PASSWORD('password') = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'
        assertThat(NativePassword.storedHashText("password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
        assertThat(NativePassword.storedHashText("secret")).isEqualTo("*14E65567ABDB5135D0CFD9A70B3032C179A49EE7");
        assertThat(NativePassword.storedHashText("")).isEmpty();
    }

    @Test
    void clientResponseMatchesKnownVector() {
        // SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))), computed independently
        assertThat(HexFormat.of().withUpperCase().formatHex(NativePassword.clientResponse("secret", SCRAMBLE)))
                .isEqualTo("1F44F306295A10870FD7895D358CB5F975D7D47F");
    }

    @Test
    void verifyAcceptsTheRightPasswordOnly() {
        byte[] stored = NativePassword.storedHash("secret");
        assertThat(NativePassword.verify(SCRAMBLE, NativePassword.clientResponse("secret", SCRAMBLE), stored)).isTrue();
        assertThat(NativePassword.verify(SCRAMBLE, NativePassword.clientResponse("Secret", SCRAMBLE), stored))
                .isFalse();
        byte[] otherScramble = NativePassword.newScramble();
        assertThat(NativePassword.verify(otherScramble, NativePassword.clientResponse("secret", SCRAMBLE), stored))
                .isFalse();
        assertThat(NativePassword.verify(SCRAMBLE, new byte[0], stored)).isFalse();
        assertThat(NativePassword.verify(SCRAMBLE, new byte[7], stored)).isFalse();
    }

    @Test
    void emptyPasswordMatchesOnlyAnEmptyResponse() {
        byte[] none = NativePassword.storedHash("");
        assertThat(NativePassword.verify(SCRAMBLE, new byte[0], none)).isTrue();
        assertThat(NativePassword.verify(SCRAMBLE, NativePassword.clientResponse("x", SCRAMBLE), none)).isFalse();
    }

    @Test
    void scramblesArePrintableWithoutNulAndDiffer() {
        byte[] a = NativePassword.newScramble();
        assertThat(a).hasSize(20);
        for (byte b : a) {
            assertThat(b).isBetween((byte) 0x21, (byte) 0x7E).isNotEqualTo((byte) '$');
        }
        assertThat(NativePassword.newScramble()).isNotEqualTo(a);
    }
}
