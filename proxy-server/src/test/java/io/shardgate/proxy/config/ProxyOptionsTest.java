package io.shardgate.proxy.config;

import io.shardgate.config.ShardgateConfig;
import io.shardgate.proxy.auth.PasswordFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyOptionsTest {

    @Test
    void defaultsAreTheEmbeddedDemoOnLoopback() {
        ProxyOptions o = ProxyOptions.parse();
        assertThat(o.config()).isNull();
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(3307);
        assertThat(o.schema()).isEqualTo("shardgate");
        assertThat(o.dataDir()).isEqualTo(Path.of("shardgate-data"));
        assertThat(o.maxPacket()).isEqualTo(64 << 20);
    }

    @Test
    void everyOptionIsRead() {
        ProxyOptions o = ProxyOptions.parse("--config", "a.yaml", "--bind", "0.0.0.0", "--port", "4000", "--users",
                "u", "--schema", "shop", "--max-connections", "5", "--idle-timeout", "60", "--max-packet", "2048",
                "--data-dir", "/tmp/x");
        assertThat(o.config()).isEqualTo(Path.of("a.yaml"));
        assertThat(o.users()).isEqualTo(Path.of("u"));
        assertThat(o.port()).isEqualTo(4000);
        assertThat(o.schema()).isEqualTo("shop");
        assertThat(o.maxConnections()).isEqualTo(5);
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.maxPacket()).isEqualTo(2048);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void tlsAndAuthenticationOptions() {
        ProxyOptions pem = ProxyOptions.parse("--tls-cert", "c.pem", "--tls-key", "k.pem", "--require-tls",
                "--rsa-key", "rsa.pem", "--hash-format", "sha2,pbkdf2,sha2");
        assertThat(pem.tls()).isEqualTo(new ProxyOptions.Tls(Path.of("c.pem"), Path.of("k.pem"), null, null, true));
        assertThat(pem.tls().configured()).isTrue();
        assertThat(pem.rsaKey()).isEqualTo(Path.of("rsa.pem"));
        assertThat(pem.hashFormats()).containsExactly(PasswordFormat.SHA2, PasswordFormat.PBKDF2);
        ProxyOptions keystore = ProxyOptions.parse("--tls-keystore", "p.p12", "--tls-keystore-password", "pw");
        assertThat(keystore.tls()).isEqualTo(new ProxyOptions.Tls(null, null, Path.of("p.p12"), "pw", false));
        ProxyOptions none = ProxyOptions.parse();
        assertThat(none.tls().configured()).isFalse();
        assertThat(none.rsaKey()).isNull();
        assertThat(none.hashFormats()).containsExactly(PasswordFormat.NATIVE, PasswordFormat.SHA2);
    }

    @Test
    void inconsistentTlsOptionsAreNamed() {
        assertThatThrownBy(() -> ProxyOptions.parse("--tls-cert", "c.pem"))
                .hasMessage("--tls-cert and --tls-key go together");
        assertThatThrownBy(() -> ProxyOptions.parse("--tls-cert", "c", "--tls-key", "k", "--tls-keystore", "p"))
                .hasMessageContaining("--tls-keystore replaces --tls-cert and --tls-key");
        assertThatThrownBy(() -> ProxyOptions.parse("--tls-keystore-password", "pw"))
                .hasMessage("--tls-keystore-password needs --tls-keystore");
        assertThatThrownBy(() -> ProxyOptions.parse("--require-tls"))
                .hasMessageContaining("--require-tls needs a certificate");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ProxyOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> ProxyOptions.parse("--port", "x")).hasMessage("--port needs a number: x");
        assertThatThrownBy(() -> ProxyOptions.parse("--max-packet", "1")).hasMessageContaining("1024..");
        assertThatThrownBy(() -> ProxyOptions.parse("--verbose")).hasMessage("unknown option --verbose");
    }

    @Test
    void embeddedDefaultIsAValidConfiguration(@TempDir Path dir) {
        ShardgateConfig config = EmbeddedDefault.config(dir.resolve("with \"quote\""));
        assertThat(config.dataSources()).containsOnlyKeys("ds0", "ds1");
        assertThat(config.dataSources().get("ds0").primary().url()).startsWith("jdbc:h2:file:")
                .contains("with \"quote\"/ds0;MODE=MySQL");
        assertThat(config.rules().tables()).containsOnlyKeys("customers", "orders");
        assertThat(config.rules().bound("customers", "orders")).isTrue();
    }
}
