package io.shardgate.reshard.meta;

import org.junit.jupiter.api.Test;

import static io.shardgate.reshard.meta.WorkflowState.*;
import static org.assertj.core.api.Assertions.assertThat;

class WorkflowStateTest {
    @Test
    void theHappyPathIsAChain() {
        assertThat(PLANNED.canMoveTo(COPYING)).isTrue();
        assertThat(COPYING.canMoveTo(STREAMING)).isTrue();
        assertThat(STREAMING.canMoveTo(CUTTING_OVER)).isTrue();
        assertThat(CUTTING_OVER.canMoveTo(CUT_OVER)).isTrue();
        assertThat(CUT_OVER.canMoveTo(COMPLETED)).isTrue();
    }

    @Test
    void cancelOnlyBeforeCutoverRollbackOnlyAfter() {
        assertThat(PLANNED.canMoveTo(CANCELLED)).isTrue();
        assertThat(STREAMING.canMoveTo(CANCELLED)).isTrue();
        assertThat(CUT_OVER.canMoveTo(CANCELLED)).isFalse();
        assertThat(CUT_OVER.canMoveTo(ROLLED_BACK)).isTrue();
        assertThat(STREAMING.canMoveTo(ROLLED_BACK)).isFalse();
        assertThat(CUTTING_OVER.canMoveTo(STREAMING)).as("an aborted cutover returns to streaming").isTrue();
    }

    @Test
    void noSkippingAndNothingAfterTheEnd() {
        assertThat(PLANNED.canMoveTo(STREAMING)).isFalse();
        assertThat(COPYING.canMoveTo(CUT_OVER)).isFalse();
        for (WorkflowState end : new WorkflowState[] {COMPLETED, CANCELLED, ROLLED_BACK}) {
            assertThat(end.terminal()).isTrue();
            assertThat(end.next()).isEmpty();
        }
        assertThat(STREAMING.terminal()).isFalse();
    }

    @Test
    void routersTrackExactlyTheWorkflowsThatAreNotOver() {
        assertThat(java.util.Arrays.stream(values()).filter(s -> !s.terminal()).map(Enum::name))
                .containsExactlyElementsOf(io.shardgate.engine.rules.ProtocolTables.ACTIVE_WORKFLOW_STATES);
    }
}
