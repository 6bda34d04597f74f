package io.shardgate.reshard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.shardgate.reshard.ReshardCluster.reshard;
import static org.assertj.core.api.Assertions.assertThat;

class ReshardMainTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        ReshardCluster.Result help = reshard("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("plan", "start", "status", "verify", "cutover", "rollback", "complete",
                "cancel", "Exit codes:", "3   not possible").doesNotContain("not available");
        for (String command : new String[] {"plan", "start", "status", "verify", "cutover", "rollback", "complete",
                "cancel"}) {
            assertThat(reshard(command, "--help").code()).as(command).isZero();
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(reshard().code()).isEqualTo(ExitCode.USAGE);
        assertThat(reshard("resize").code()).isEqualTo(ExitCode.USAGE);
        ReshardCluster.Result missing = reshard("plan", "--to", "x.yaml");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("Missing required option", "Usage:");
        assertThat(reshard("start", "--workflow", "w").err()).contains("--meta is required");
        assertThat(reshard("start", "--workflow", "w", "--chunk-size", "0", "--meta", "jdbc:x").code())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void switchingCommandsNeedAWorkflowAndAStore() {
        for (String command : new String[] {"cutover", "rollback", "complete", "cancel"}) {
            assertThat(reshard(command).code()).as(command).isEqualTo(ExitCode.USAGE);
            ReshardCluster.Result noStore = reshard(command, "--workflow", "w");
            assertThat(noStore.code()).as(command).isEqualTo(ExitCode.USAGE);
            assertThat(noStore.err()).contains("--meta is required");
        }
        assertThat(reshard("cutover", "--workflow", "w", "--timeout", "soon", "--meta", "jdbc:x").code())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void planExitsZeroWhenReadyOneWhenRefusedTwoOnBadRules() throws Exception {
        Path current = Files.writeString(dir.resolve("current.yaml"), """
                dataSources:
                  ds0: { primary: { url: "jdbc:mariadb://127.0.0.1:1/s0" } }
                  ds1: { primary: { url: "jdbc:mariadb://127.0.0.1:1/s1" } }
                tables:
                  orders: { shardKey: user_id, algorithm: hash, nodes: [ds0.a, ds1.a] }
                """);
        Path split = Files.writeString(dir.resolve("split.yaml"), Files.readString(current)
                .replace("[ds0.a, ds1.a]", "[ds0.a2, ds0.b, ds1.a2, ds1.b]"));
        Path refused = Files.writeString(dir.resolve("refused.yaml"), Files.readString(current)
                .replace("algorithm: hash", "algorithm: mod"));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "dataSources: {}\n");

        ReshardCluster.Result ok = reshard("plan", "--from", current.toString(), "--to", split.toString(),
                "--no-estimates", "--json");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).startsWith("{").contains("\"target\":\"ds0.b\"");
        assertThat(reshard("plan", "--from", current.toString(), "--to", refused.toString(), "--no-estimates").code())
                .isEqualTo(ExitCode.FAILED);
        ReshardCluster.Result bad = reshard("plan", "--from", current.toString(), "--to", broken.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("broken.yaml");
    }
}
