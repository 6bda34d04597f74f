package io.shardgate.reshard.cutover;

import io.shardgate.engine.rules.RouterTimings;
import io.shardgate.reshard.meta.RouterRegistration;
import io.shardgate.reshard.meta.RouterSwitches;
import io.shardgate.reshard.meta.SwitchAck;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Waits for every live router to answer a switch phase. Live means a heartbeat within the lease, by the store's
 * clock, re-evaluated on every look: a router that joins meanwhile must answer too, and one whose lease runs out
 * is no longer waited for (it holds its writes on its own once it cannot reach the store, and the fences catch it
 * should it come back with old rules).
 */
final class RouterAcks {
    private static final long LOOK_EVERY_MILLIS = 5;

    /** What routers were asked to confirm. */
    enum Step {
        PREPARED("load rules", SwitchAck::preparedAt),
        HELD("hold writes", SwitchAck::heldAt);

        private final String what;
        private final Function<SwitchAck, Instant> at;

        Step(String what, Function<SwitchAck, Instant> at) {
            this.what = what;
            this.at = at;
        }
    }

    /** Routers that failed the step (their error) or did not answer in time; empty when all answered. */
    record Outcome(List<String> problems) {
        boolean answered() {
            return problems.isEmpty();
        }
    }

    private RouterAcks() {
    }

    static Outcome await(RouterSwitches switches, String workflow, int attempt, Step step, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, SwitchAck> acks = switches.switchAcks(workflow, attempt).stream()
                    .collect(Collectors.toMap(SwitchAck::routerId, a -> a));
            List<String> errors = new ArrayList<>();
            List<RouterRegistration> silent = new ArrayList<>();
            for (RouterRegistration router : switches.liveRouters(RouterTimings.LEASE)) {
                SwitchAck ack = acks.get(router.routerId());
                if (ack != null && ack.error() != null) {
                    errors.add(router.describe() + " cannot " + step.what + ": " + ack.error());
                } else if (ack == null || step.at.apply(ack) == null) {
                    silent.add(router);
                }
            }
            if (!errors.isEmpty()) {
                return new Outcome(errors);
            }
            if (silent.isEmpty()) {
                return new Outcome(List.of());
            }
            if (System.nanoTime() > deadline) {
                return new Outcome(silent.stream().map(r -> r.describe() + " did not " + step.what + " within "
                        + timeout.toMillis() + " ms (rules v" + r.rulesVersion() + ", last heartbeat "
                        + r.heartbeatAt() + " UTC)").toList());
            }
            Thread.sleep(LOOK_EVERY_MILLIS);
        }
    }
}
