package io.shardgate.execute.replica;

import io.shardgate.execute.ReplicaSelector;

/** The replica choice for a {@code read.policy}; one instance per data source, since most keep state. */
public final class ReplicaSelectors {

    private ReplicaSelectors() {
    }

    /** @param policy {@code round_robin}, {@code random}, {@code weighted} or {@code least_busy} */
    public static ReplicaSelector forPolicy(String policy) {
        return switch (policy) {
            case "round_robin" -> new RoundRobinReplicaSelector();
            case "random" -> new RandomReplicaSelector();
            case "weighted" -> new WeightedReplicaSelector();
            case "least_busy" -> new LeastBusyReplicaSelector();
            default -> throw new IllegalArgumentException("unknown read policy '" + policy
                    + "'; expected round_robin, random, weighted or least_busy");
        };
    }
}
