package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketsTest {
    private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    @Test
    void handshakeSplitsTheScrambleAndTheCapabilities() throws ProtocolException {
        byte[] p = new HandshakeV10("10.11.0-shardgate", 7, SCRAMBLE, Capabilities.SERVER, 45, 2,
                "mysql_native_password").encode();
        PayloadReader in = new PayloadReader(p);
        assertThat(in.int1()).isEqualTo(10);
        assertThat(in.nulString()).isEqualTo("10.11.0-shardgate");
        assertThat(in.int4()).isEqualTo(7);
        assertThat(new String(in.bytes(8), StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
        assertThat(in.int1()).isZero();
        int lower = in.int2();
        assertThat(in.int1()).isEqualTo(45);
        assertThat(in.int2()).isEqualTo(2);
        assertThat(lower | in.int2() << 16).isEqualTo(Capabilities.SERVER);
        assertThat(in.int1()).isEqualTo(21);
        in.skip(10);
        assertThat(new String(in.nulBytes(), StandardCharsets.US_ASCII)).isEqualTo("ijklmnopqrst");
        assertThat(in.nulString()).isEqualTo("mysql_native_password");
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void handshakeResponseWithDatabasePluginAndAttributes() throws ProtocolException {
        int caps = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.CONNECT_WITH_DB
                | Capabilities.PLUGIN_AUTH | Capabilities.CONNECT_ATTRS;
        byte[] p = new PayloadWriter().int4(caps).int4(16 << 20).int1(45).zeros(23).nulString("app")
                .int1(3).bytes(new byte[] {1, 2, 3}).nulString("shardgate").nulString("caching_sha2_password")
                .lenencBytes(new PayloadWriter().lenencString("_os").lenencString("Linux").toByteArray())
                .toByteArray();
        HandshakeResponse41 r = HandshakeResponse41.parse(p);
        assertThat(r.user()).isEqualTo("app");
        assertThat(r.authResponse()).containsExactly(1, 2, 3);
        assertThat(r.database()).isEqualTo("shardgate");
        assertThat(r.authPlugin()).isEqualTo("caching_sha2_password");
        assertThat(r.attributes()).isEqualTo(Map.of("_os", "Linux"));
        assertThat(HandshakeResponse41.isSslRequest(p)).isFalse();
    }

    @Test
    void handshakeResponseOfAnOldProtocolIsRefused() {
        byte[] p = new PayloadWriter().int4(Capabilities.LONG_PASSWORD).int4(0).int1(8).zeros(23).toByteArray();
        assertThatThrownBy(() -> HandshakeResponse41.parse(p)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("4.1");
    }

    @Test
    void sslRequestIsRecognized() {
        byte[] p = new PayloadWriter().int4(Capabilities.PROTOCOL_41 | Capabilities.SSL).int4(0).int1(45).zeros(23)
                .toByteArray();
        assertThat(HandshakeResponse41.isSslRequest(p)).isTrue();
    }

    @Test
    void okErrAndEofLayouts() {
        assertThat(hex(new OkPacket(300, 5, ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANSACTION, 1, "").encode()))
                .isEqualTo("00fc2c0105030001 00".replace(" ", ""));
        assertThat(hex(new ErrPacket(1235, "42000", "no").encode())).isEqualTo("ffd304233432303030" + "6e6f");
        assertThat(hex(new EofPacket(0, 2).encode())).isEqualTo("fe00000200");
        assertThat(new ErrPacket(1105, null, "x").sqlState()).isEqualTo("HY000");
        assertThat(new ErrPacket(1105, "HY0", "x").sqlState()).isEqualTo("HY000");
        assertThatThrownBy(() -> new ErrPacket(70000, "HY000", "too big")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errMessagesAreBounded() {
        byte[] p = new ErrPacket(1105, "HY000", "x".repeat(100_000)).encode();
        assertThat(p.length).isEqualTo(9 + ErrPacket.MAX_MESSAGE_BYTES);
    }

    @Test
    void columnDefinitionLayout() throws ProtocolException {
        ColumnDefinition41 c = new ColumnDefinition41("shardgate", "", "", "total", "amount", 63, 12,
                FieldType.NEWDECIMAL, ColumnFlags.NUM, 2);
        PayloadReader in = new PayloadReader(c.encode());
        assertThat(in.lenencString()).isEqualTo("def");
        assertThat(in.lenencString()).isEqualTo("shardgate");
        assertThat(in.lenencString()).isEmpty();
        assertThat(in.lenencString()).isEmpty();
        assertThat(in.lenencString()).isEqualTo("total");
        assertThat(in.lenencString()).isEqualTo("amount");
        assertThat(in.lenencInt()).isEqualTo(12);
        assertThat(in.int2()).isEqualTo(63);
        assertThat(in.int4()).isEqualTo(12);
        assertThat(in.int1()).isEqualTo(0xF6);
        assertThat(in.int2()).isEqualTo(ColumnFlags.NUM);
        assertThat(in.int1()).isEqualTo(2);
        assertThat(in.int2()).isZero();
        assertThat(in.hasRemaining()).isFalse();
        assertThat(c.encodeForFieldList()).endsWith(0xFB);
    }

    @Test
    void prepareOkAndAuthSwitchLayouts() {
        assertThat(hex(new StmtPrepareOk(1, 0, 2, 0).encode()))
                .isEqualTo("00" + "01000000" + "0000" + "0200" + "00" + "0000");
        assertThat(new AuthSwitchRequest("mysql_native_password", SCRAMBLE).encode())
                .startsWith(0xFE, 'm').endsWith('t', 0);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
