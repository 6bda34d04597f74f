package io.shardgate.reshard.cutover;

import io.shardgate.config.ShardgateConfig;
import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.meta.RouterSwitches;
import io.shardgate.reshard.meta.SwitchAck;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.stream.ChangeStream;
import io.shardgate.reshard.stream.GtidPosition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The switch of docs/resharding.md, shared by cutover and rollback. Routers load the rules being switched to
 * (PREPARE) and acknowledge; they hold new writes to the moving tables, let those in flight finish and acknowledge
 * (HOLD); the stream applies the sources' binlog positions read after that, so it has every acknowledged write;
 * the layout being left is fenced and the one returned to unfenced; the new version is published in one metadata
 * transaction, and the routers release the held writes onto it. Any failure before the publication aborts the
 * attempt: the routers release onto the rules they ran, and nothing changed.
 */
final class Switch {
    /** Publishes the new version, ends the attempt and moves the workflow, in one metadata transaction. */
    interface Publication {
        void publish(int attempt) throws SQLException;
    }

    /**
     * @param pauseMillis from asking the routers to hold until the publication committed, by the tool's clock
     * @param acks        the routers' answers, with how long each held writes when it reported that in time
     */
    record Result(int attempt, long pauseMillis, List<SwitchAck> acks) {
    }

    private static final Duration RELEASE_REPORT_WAIT = Duration.ofSeconds(2);

    private final RouterSwitches switches;
    private final String workflow;
    private final String kind;
    private final List<String> tables;
    private final long fromVersion;
    private final long toVersion;
    private final WorkflowState before;
    private final WorkflowState during;
    private final Duration timeout;
    private final Consumer<String> log;

    /**
     * @param before the workflow's state now
     * @param during its state while the switch runs (the same as {@code before} when it does not change)
     */
    Switch(RouterSwitches switches, String workflow, String kind, List<String> tables, long fromVersion, long toVersion,
           WorkflowState before, WorkflowState during, Duration timeout, Consumer<String> log) {
        this.switches = switches;
        this.workflow = workflow;
        this.kind = kind;
        this.tables = List.copyOf(tables);
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.before = before;
        this.during = during;
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * @param stream            the running stream into the layout being switched to, caught up
     * @param streamSources     the rules naming the stream's sources, whose binlog positions it must reach
     * @param streamDataSources those sources
     * @param raise             fences to put up on the layout being left
     * @param lower             fences to take down on the layout being returned to, or null
     * @throws ReshardException (failed) when the attempt was aborted, naming why and which routers
     */
    Result run(StreamDriver stream, ShardgateConfig streamSources, Set<String> streamDataSources, Fences raise,
               Fences lower, Publication publication) throws SQLException, InterruptedException {
        // the stream uses its own connections; these are opened before the pause, not in it
        try (DataSourceConnections positions = new DataSourceConnections(streamSources)) {
            for (String dataSource : streamDataSources) {
                positions.get(dataSource);
            }
            return run(stream, positions, streamDataSources, raise, lower, publication);
        }
    }

    private Result run(StreamDriver stream, DataSourceConnections positions, Set<String> streamDataSources,
                       Fences raise, Fences lower, Publication publication) throws SQLException, InterruptedException {
        int attempt = switches.beginSwitch(workflow, kind, tables, fromVersion, toVersion, before,
                during == before ? null : during);
        String name = kind + " attempt " + attempt;
        log.accept(name + ": routers load rules v" + toVersion);
        RouterAcks.Outcome prepared = RouterAcks.await(switches, workflow, attempt, RouterAcks.Step.PREPARED, timeout);
        if (!prepared.answered()) {
            throw abort(attempt, "routers not ready: " + String.join("; ", prepared.problems()), null);
        }
        long holdStarted = System.nanoTime();
        switches.holdSwitch(workflow, attempt);
        log.accept(name + ": routers hold writes to " + String.join(", ", tables));
        RouterAcks.Outcome held = RouterAcks.await(switches, workflow, attempt, RouterAcks.Step.HELD, timeout);
        if (!held.answered()) {
            throw abort(attempt, "routers did not hold writes: " + String.join("; ", held.problems()), null);
        }
        Map<String, GtidPosition> target = new LinkedHashMap<>();
        for (String dataSource : streamDataSources) {
            target.put(dataSource, GtidPosition.parse(ChangeStream.binlogPosition(positions.get(dataSource))));
        }
        if (!stream.drainTo(target, timeout)) {
            throw abort(attempt, "the stream did not apply " + target + " within " + timeout.toMillis() + " ms",
                    null);
        }
        Fences raised = null;
        try {
            raise.activate();
            raised = raise;
            if (lower != null) {
                lower.deactivate();
            }
            publication.publish(attempt);
        } catch (SQLException | RuntimeException e) {
            if (lower != null) {
                lower.activate();
            }
            throw abort(attempt, "could not fence and publish: " + e.getMessage(), raised);
        }
        long pauseMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - holdStarted);
        log.accept(name + ": rules v" + toVersion + " published " + pauseMillis + " ms after the hold began");
        return new Result(attempt, pauseMillis, releaseReports(attempt));
    }

    /** The routers' acknowledgements, after waiting briefly for each to report its release. */
    private List<SwitchAck> releaseReports(int attempt) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + RELEASE_REPORT_WAIT.toNanos();
        while (true) {
            List<SwitchAck> acks = switches.switchAcks(workflow, attempt);
            if (acks.stream().allMatch(a -> a.heldAt() == null || a.holdMillis() != null)
                    || System.nanoTime() > deadline) {
                return acks;
            }
            Thread.sleep(10);
        }
    }

    /** Ends the attempt unpublished, taking down fences it had put up. */
    private ReshardException abort(int attempt, String why, Fences raised) throws SQLException {
        if (raised != null) {
            try {
                raised.deactivate();
            } catch (SQLException e) {
                why += "; the fences could not be taken down (" + e.getMessage() + "), run " + kind + " again";
            }
        }
        switches.abortSwitch(workflow, attempt, kind + " aborted: " + why, during, during == before ? null : before);
        log.accept(kind + " attempt " + attempt + " aborted; the routers keep rules v" + fromVersion);
        return new ReshardException(ExitCode.FAILED, kind + " aborted, rules v" + fromVersion + " stay in use: " + why);
    }
}
