package io.shardgate.reshard.meta;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetadataStoreIT {
    private static MariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = new MariaDbServer("reshard-meta").start();
        server.createDatabase("meta");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static MetadataStore open() throws Exception {
        return MetadataStore.open(server.jdbcUrl("meta"), server.user(), server.password());
    }

    @Test
    void workflowsMoveOnlyAlongTheStateMachineAndKeepTheirHistory() throws Exception {
        try (MetadataStore store = open(); MetadataStore again = open()) { // creating the tables is idempotent
            Workflow w = store.createWorkflow("wf", "rules: current\n", "rules: target\n", List.of("t"));
            assertThat(w.state()).isEqualTo(WorkflowState.PLANNED);
            assertThat(w.fromVersion()).isEqualTo(1);
            assertThat(w.toVersion()).isEqualTo(2);
            assertThat(store.currentVersion()).hasValue(1L);
            assertThat(store.rulesYaml(2)).hasValue("rules: target\n");

            assertThatThrownBy(() -> store.createWorkflow("other", "rules: current\n", "x: 1\n", List.of("t")))
                    .isInstanceOf(ReshardException.class).hasMessageContaining("wf is still PLANNED");

            store.beginCopy("wf", Map.of("ds0", "0-1-5"), List.of(
                    new CopyCheckpoint("t", "ds0.t", null, 0, 0, 100, false, null, 0, null)));
            // a second tool that still believes the workflow is PLANNED loses
            assertThatThrownBy(() -> again.beginCopy("wf", Map.of("ds0", "0-1-6"), List.of()))
                    .isInstanceOfSatisfying(ReshardException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_POSSIBLE))
                    .hasMessageContaining("is COPYING, not PLANNED");
            assertThat(store.streamPositions("wf", StreamDirection.FORWARD)).singleElement()
                    .satisfies(p -> assertThat(p.gtid()).isEqualTo("0-1-5"));

            store.beginCopyRun("wf", "t", "ds0.t");
            store.saveCopyCheckpoint("wf", "t", "ds0.t", "[\"42\"]", 42, 20, false);
            assertThat(store.copyCheckpoints("wf")).singleElement().satisfies(c -> {
                assertThat(c.lastKey()).isEqualTo("[\"42\"]");
                assertThat(c.rowsScanned()).isEqualTo(42);
                assertThat(c.runStartedAt()).isNotNull();
            });
            store.transition("wf", WorkflowState.COPYING, WorkflowState.STREAMING, "copy complete");
            assertThatThrownBy(() -> store.transition("wf", WorkflowState.STREAMING, WorkflowState.COMPLETED, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.history("wf")).hasSize(3).last().asString()
                    .startsWith("COPYING -> STREAMING at").endsWith(": copy complete");
        }
    }

    @Test
    void theWorkflowLockIsExclusiveAndDiesWithItsConnection() throws Exception {
        MetadataStore first = open();
        try (MetadataStore second = open()) {
            assertThat(first.tryLock("locked")).isTrue();
            assertThat(second.tryLock("locked")).isFalse();
            assertThat(second.lockedByAnyone("locked")).isTrue();
            first.close();
            assertThat(second.lockedByAnyone("locked")).isFalse();
            assertThat(second.tryLock("locked")).isTrue();
        }
    }

    @Test
    void routersRegisterAndHeartbeat() throws Exception {
        try (MetadataStore store = open()) {
            store.routerSwitches().registerRouter("proxy-1", "proxy", "10.0.0.5", 4242, 1);
            assertThat(store.routerSwitches().heartbeat("proxy-1", 2)).isTrue();
            assertThat(store.routerSwitches().heartbeat("unknown", 2)).isFalse();
            assertThat(store.routerSwitches().routers()).singleElement().satisfies(r -> {
                assertThat(r.rulesVersion()).isEqualTo(2);
                assertThat(r.describe()).isEqualTo("proxy-1 (proxy on 10.0.0.5, pid 4242)");
                assertThat(r.heartbeatAt()).isBeforeOrEqualTo(store.now());
            });
        }
    }
}
