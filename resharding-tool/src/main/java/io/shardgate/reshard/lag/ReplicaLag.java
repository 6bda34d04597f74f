package io.shardgate.reshard.lag;

import java.time.Duration;

/**
 * One replica's lag behind its primary as last measured.
 *
 * @param replica      the replica's name and URL as the rules file gives them, e.g. {@code ds0.replica0(jdbc:...)}
 * @param lag          how long it has been missing something its primary had; null when it could not be checked
 * @param transactions how many of the primary's transactions it had not applied at the check
 * @param problem      why it could not be checked, or null
 */
public record ReplicaLag(String replica, Duration lag, long transactions, String problem) {

    public static ReplicaLag measured(String replica, Duration lag, long transactions) {
        return new ReplicaLag(replica, lag, transactions, null);
    }

    public static ReplicaLag unreachable(String replica, String problem) {
        return new ReplicaLag(replica, null, 0, problem);
    }

    public boolean reachable() {
        return lag != null;
    }
}
