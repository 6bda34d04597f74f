package io.shardgate.proxy.auth;

import com.mysql.cj.protocol.Security;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class CachingSha2PasswordTest {
    private static final HexFormat HEX = HexFormat.of();
    /** "ABCDEFGHIJKLMNOPQRST", a fixed nonce for the vectors below. */
    private static final byte[] NONCE = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII);

    @Test
    void verifierAndScrambleMatchVectorsComputedWithPythonHashlib() {
        // s1 = sha256(pw); s2 = sha256(s1); scramble = s1 XOR sha256(s2 + nonce), in Python's hashlib (OpenSSL)
        assertThat(CachingSha2Password.verifierText("secret"))
                .isEqualTo("sha2:3881219D087DD9C634373FD33DFA33A2CB6BFC6C520B64B8BB60EF2CEB534AE7");
        assertThat(HEX.formatHex(CachingSha2Password.clientResponse("secret", NONCE)))
                .isEqualTo("d721e183c1f036a196c1389201b8d53f38064a16f1d0923683ab886763152d75");
        // non-ASCII passwords are hashed as their UTF-8 bytes, as Connector/J and MariaDB Connector/J send them
        assertThat(CachingSha2Password.verifierText("päss w0rd!"))
                .isEqualTo("sha2:DCA44FA8D9F8EE251CD182F745E3BF6E5B35F2A6B41A750771B1041779491F1A");
        assertThat(HEX.formatHex(CachingSha2Password.clientResponse("päss w0rd!", NONCE)))
                .isEqualTo("367ec8a667d67ddc12163e49fa51e07011398fd10d4c4fc75c7f7ad9ad97cccf");
    }

    @Test
    void scrambleMatchesMysqlConnectorJ() throws Exception {
        for (String password : new String[] {"secret", "päss w0rd!", "x".repeat(100)}) {
            byte[] nonce = NativePassword.newScramble();
            byte[] expected = Security.scrambleCachingSha2(password.getBytes(StandardCharsets.UTF_8), nonce);
            assertThat(CachingSha2Password.clientResponse(password, nonce)).isEqualTo(expected);
        }
    }

    @Test
    void verifyAcceptsTheRightPasswordOnly() {
        byte[] verifier = CachingSha2Password.verifier("secret".getBytes(StandardCharsets.UTF_8));
        byte[] response = CachingSha2Password.clientResponse("secret", NONCE);
        assertThat(CachingSha2Password.verify(NONCE, response, verifier)).isTrue();
        assertThat(CachingSha2Password.verify(NONCE, CachingSha2Password.clientResponse("Secret", NONCE), verifier))
                .isFalse();
        assertThat(CachingSha2Password.verify(NativePassword.newScramble(), response, verifier)).isFalse();
        assertThat(CachingSha2Password.verify(NONCE, new byte[32], verifier)).isFalse();
        assertThat(CachingSha2Password.verify(NONCE, new byte[20], verifier)).isFalse();
        // the verifier itself is no password: sending it, or its preimage step, does not pass
        assertThat(CachingSha2Password.verify(NONCE, verifier, verifier)).isFalse();
    }
}
