package io.shardgate.reshard.meta;

import java.time.Instant;

/** A named resharding from one rules version to another, as the metadata store records it. */
public record Workflow(String name, WorkflowState state, long fromVersion, long toVersion, Instant createdAt,
                       Instant updatedAt) {
}
