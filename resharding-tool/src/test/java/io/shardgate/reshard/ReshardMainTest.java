package io.shardgate.reshard;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReshardMainTest {

    @Test
    void helpListsTheWorkflowCommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReshardMain.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("plan", "cutover", "rollback");
    }

    @Test
    void unknownCommandExitsNonZeroWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReshardMain.run(new String[] {"start"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Usage:");
    }
}
