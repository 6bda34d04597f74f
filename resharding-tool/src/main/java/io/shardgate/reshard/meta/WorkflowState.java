package io.shardgate.reshard.meta;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a resharding workflow. Only the transitions listed here exist; the metadata store refuses any other,
 * in the same transaction that would make it, so two tools racing on one workflow cannot both win.
 *
 * <pre>
 * PLANNED -> COPYING -> STREAMING -> CUTTING_OVER -> CUT_OVER -> COMPLETED
 *                                        |               \-> ROLLED_BACK
 *                                        \-> STREAMING (cutover aborted)
 * PLANNED, COPYING, STREAMING -> CANCELLED
 * </pre>
 */
public enum WorkflowState {
    /** Recorded with both rule versions; nothing touched yet. */
    PLANNED,
    /** Target tables exist, change-log positions are recorded, rows are being copied in key order. */
    COPYING,
    /** The copy is complete; the change stream keeps the targets current. */
    STREAMING,
    /** Routers hold writes to the moving tables while the stream drains. */
    CUTTING_OVER,
    /** The target rules are published; the old layout is kept current by a reverse stream. */
    CUT_OVER,
    /** The old layout has been dropped. */
    COMPLETED,
    /** Abandoned before cutover; targets cleaned up. */
    CANCELLED,
    /** Switched back to the old layout after a cutover. */
    ROLLED_BACK;

    public Set<WorkflowState> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(COPYING, CANCELLED);
            case COPYING -> EnumSet.of(STREAMING, CANCELLED);
            case STREAMING -> EnumSet.of(CUTTING_OVER, CANCELLED);
            case CUTTING_OVER -> EnumSet.of(CUT_OVER, STREAMING);
            case CUT_OVER -> EnumSet.of(COMPLETED, ROLLED_BACK);
            case COMPLETED, CANCELLED, ROLLED_BACK -> EnumSet.noneOf(WorkflowState.class);
        };
    }

    public boolean canMoveTo(WorkflowState target) {
        return next().contains(target);
    }

    /** True once nothing more can happen to the workflow. */
    public boolean terminal() {
        return next().isEmpty();
    }
}
