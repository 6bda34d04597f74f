package io.shardgate.proxy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyMainTest {

    @Test
    void helpPrintsUsageAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ProxyMain.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--config", "--port", "3307");
    }

    @Test
    void startingWithoutTheServerFailsLoudly() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProxyMain.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("not part of this build");
    }
}
