package io.shardgate.reshard.status;

import io.shardgate.reshard.Json;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.meta.CopyCheckpoint;
import io.shardgate.engine.rules.RouterTimings;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.RouterRegistration;
import io.shardgate.reshard.meta.StreamDirection;
import io.shardgate.reshard.meta.StreamPosition;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.plan.RulesSource;
import io.shardgate.reshard.stream.ChangeStream;
import io.shardgate.reshard.stream.GtidPosition;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The state of one workflow for {@code status}: copy progress per source shard and, once streaming, the lag per
 * source. Lag in transactions is the GTID sequence distance between the source's current binlog position and the
 * applied one; lag in seconds is the age of the last applied transaction's commit time while transactions are
 * pending, else 0 (it compares the metadata server's clock with the source's: keep them in sync). After cutover
 * the stream shown is the reverse one, from the target tables back into the old ones. The routers are listed with
 * the rules version they run and whether their heartbeat is within the lease.
 */
public final class StatusReport {
    private final Workflow workflow;
    private final boolean running;
    private final List<CopyCheckpoint> copy;
    private final StreamDirection direction;
    private final List<StreamPosition> stream;
    private final List<RouterRegistration> routers;
    private final Map<String, String> sourcePositions;
    private final Map<String, String> unreachable;
    private final Instant now;
    private final List<String> history;

    private StatusReport(Workflow workflow, boolean running, List<CopyCheckpoint> copy, StreamDirection direction,
                         List<StreamPosition> stream, List<RouterRegistration> routers,
                         Map<String, String> sourcePositions, Map<String, String> unreachable, Instant now,
                         List<String> history) {
        this.workflow = workflow;
        this.running = running;
        this.copy = copy;
        this.direction = direction;
        this.stream = stream;
        this.routers = routers;
        this.sourcePositions = sourcePositions;
        this.unreachable = unreachable;
        this.now = now;
        this.history = history;
    }

    public static StatusReport collect(MetadataStore store, Workflow workflow) throws SQLException {
        StreamDirection direction = workflow.state() == WorkflowState.CUT_OVER ? StreamDirection.REVERSE
                : StreamDirection.FORWARD;
        long sourceVersion = direction == StreamDirection.REVERSE ? workflow.toVersion() : workflow.fromVersion();
        List<StreamPosition> stream = store.streamPositions(workflow.name(), direction);
        Map<String, String> sourcePositions = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        if (!stream.isEmpty()) {
            String yaml = store.rulesYaml(sourceVersion).orElseThrow();
            try (DataSourceConnections sources = new DataSourceConnections(
                    RulesSource.parse(yaml, "rules v" + sourceVersion).config())) {
                for (StreamPosition position : stream) {
                    try {
                        sourcePositions.put(position.dataSource(),
                                ChangeStream.binlogPosition(sources.get(position.dataSource())));
                    } catch (SQLException | RuntimeException e) {
                        unreachable.put(position.dataSource(), e.getMessage());
                    }
                }
            }
        }
        return new StatusReport(workflow, store.lockedByAnyone(workflow.name()), store.copyCheckpoints(workflow.name()),
                direction, stream, store.routerSwitches().routers(), sourcePositions, unreachable, store.now(),
                store.history(workflow.name()));
    }

    public void printText(PrintWriter out, boolean terminal) {
        out.println("workflow " + workflow.name() + ": " + workflow.state() + " (rules v" + workflow.fromVersion()
                + " -> v" + workflow.toVersion() + "), " + (running ? "a start process is running"
                : "no start process is running"));
        if (!copy.isEmpty()) {
            out.println("copy (total = information_schema estimate at copy start; rate = rows scanned in the current "
                    + "run / its time; ETA = estimated rows left / rate):");
            for (CopyCheckpoint checkpoint : copy) {
                CopyProgress progress = new CopyProgress(checkpoint);
                String rate = progress.rate().isPresent()
                        ? String.format(Locale.ROOT, "%,.0f rows/s", progress.rate().getAsDouble()) : "rate unknown";
                String eta = checkpoint.done() ? "done" : progress.eta().map(d -> "ETA " + format(d))
                        .orElse("ETA unknown");
                String counts = String.format(Locale.ROOT, "%,d of ~%,d rows scanned, %,d copied",
                        checkpoint.rowsScanned(), checkpoint.estimatedRows(), checkpoint.rowsCopied());
                if (terminal) {
                    out.println("  " + checkpoint.table() + " " + checkpoint.sourceNode() + "  "
                            + ProgressBar.of(progress.fraction(), 30) + "  " + counts + ", " + rate + ", " + eta);
                } else {
                    out.println("  " + checkpoint.table() + " " + checkpoint.sourceNode() + ": " + counts + " ("
                            + (int) Math.floor(progress.fraction() * 100) + "%), " + rate + ", " + eta);
                }
            }
        }
        if (!stream.isEmpty()) {
            out.println((direction == StreamDirection.REVERSE ? "reverse stream, target tables into the old ones"
                    : "change stream") + " (lag: transactions = GTID sequence distance to the source's binlog; "
                    + "seconds = age of the last applied commit while behind):");
            for (Map<String, Object> lag : lags()) {
                out.println("  " + lag.get("dataSource") + ": applied " + lag.get("appliedGtid") + ", "
                        + lag.get("transactionsApplied") + " transactions"
                        + (lag.get("sourceGtid") == null ? ", source unreachable: " + lag.get("unreachable")
                        : ", source at " + lag.get("sourceGtid") + ", lag " + lag.get("lagTransactions")
                        + " transactions, " + lag.get("lagSeconds") + " s"));
            }
        }
        if (!routers.isEmpty()) {
            out.println("routers (live = heartbeat within " + RouterTimings.LEASE.toSeconds() + " s):");
            for (Map<String, Object> router : routerRows()) {
                out.println("  " + router.get("routerId") + " (" + router.get("kind") + " on " + router.get("host")
                        + ", pid " + router.get("pid") + "): rules v" + router.get("rulesVersion") + ", "
                        + (Boolean.TRUE.equals(router.get("live")) ? "live" : "gone") + ", last heartbeat "
                        + router.get("heartbeatAt"));
            }
        }
        out.println("history:");
        history.forEach(h -> out.println("  " + h));
    }

    private List<Map<String, Object>> routerRows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RouterRegistration router : routers) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("routerId", router.routerId());
            row.put("kind", router.kind());
            row.put("host", router.host());
            row.put("pid", router.pid());
            row.put("rulesVersion", router.rulesVersion());
            row.put("heartbeatAt", router.heartbeatAt().toString());
            row.put("live", !router.heartbeatAt().isBefore(now.minus(RouterTimings.LEASE)));
            out.add(row);
        }
        return out;
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("workflow", workflow.name());
        root.put("state", workflow.state().name());
        root.put("fromVersion", workflow.fromVersion());
        root.put("toVersion", workflow.toVersion());
        root.put("startRunning", running);
        List<Object> copies = new ArrayList<>();
        for (CopyCheckpoint checkpoint : copy) {
            CopyProgress progress = new CopyProgress(checkpoint);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("table", checkpoint.table());
            c.put("source", checkpoint.sourceNode());
            c.put("rowsScanned", checkpoint.rowsScanned());
            c.put("rowsCopied", checkpoint.rowsCopied());
            c.put("estimatedRows", checkpoint.estimatedRows());
            c.put("done", checkpoint.done());
            c.put("lastKey", checkpoint.lastKey());
            c.put("fraction", progress.fraction());
            c.put("rowsPerSecond", progress.rate().isPresent() ? progress.rate().getAsDouble() : null);
            c.put("etaSeconds", progress.eta().map(Duration::toSeconds).orElse(null));
            copies.add(c);
        }
        root.put("copy", copies);
        root.put("streamDirection", direction.name());
        root.put("stream", lags());
        root.put("routers", routerRows());
        root.put("history", history);
        return Json.write(root);
    }

    private List<Map<String, Object>> lags() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StreamPosition position : stream) {
            Map<String, Object> lag = new LinkedHashMap<>();
            lag.put("dataSource", position.dataSource());
            lag.put("appliedGtid", position.gtid());
            lag.put("transactionsApplied", position.eventsApplied());
            lag.put("lastAppliedCommitAt", position.lastEventAt() == null ? null : position.lastEventAt().toString());
            String source = sourcePositions.get(position.dataSource());
            lag.put("sourceGtid", source);
            if (source != null) {
                long behind = GtidPosition.parse(position.gtid()).transactionsBehind(GtidPosition.parse(source));
                lag.put("lagTransactions", behind);
                lag.put("lagSeconds", behind == 0 ? Long.valueOf(0) : position.lastEventAt() == null ? null
                        : Long.valueOf(Math.max(0, Duration.between(position.lastEventAt(), now).toSeconds())));
            } else {
                lag.put("unreachable", unreachable.get(position.dataSource()));
            }
            out.add(lag);
        }
        return out;
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
