package io.shardgate.proxy.it;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The client scenarios over the embedded default: two H2 shards in a data directory, no --config. */
class EmbeddedH2ProxyIT extends ProxyClientScenarios {
    @TempDir
    static Path dataDir;
    static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--data-dir", dataDir.toString()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Override
    int port() {
        return proxy.port();
    }
}
