package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.cutover.UnfinishedSwitches;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.workflow.StartOptions;
import io.shardgate.reshard.workflow.StartRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Runs a workflow: creates the target tables, records each source's binlog GTID position, "
                + "copies the moving rows in primary-key chunks (checkpointed after every chunk), then streams the "
                + "sources' changes into the targets; after a cutover it streams the target tables' changes back "
                + "into the old ones. Run it again after a crash or a stop: it resumes from the checkpoints. "
                + "SIGINT/SIGTERM stop it cleanly after saving the checkpoint; cutover, rollback, complete and "
                + "cancel take the workflow over from it and it continues after them.",
                "Exit 0: stopped, caught up, or nothing left to stream; 1: failed; 2: bad options; 3: not possible "
                        + "in the workflow's state (or another process runs it)."})
public final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workflow", required = true, paramLabel = "NAME", description = "The workflow to run.")
    String workflow;

    @Option(names = "--chunk-size", defaultValue = "1000", paramLabel = "ROWS",
            description = "Rows per copy chunk (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--max-rows-per-second", defaultValue = "0", paramLabel = "ROWS",
            description = "Copy at most this many source rows per second; 0 for no limit (default).")
    long maxRowsPerSecond;

    @Option(names = "--max-replica-lag", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class, description = "Pause the copy while a replica of a source or target "
            + "data source lags more than this (as the rules file lists them), and the stream while a replica of a "
            + "data source it writes to does; 0 to never pause (default: ${DEFAULT-VALUE}).")
    Duration maxReplicaLag;

    @Option(names = "--until-caught-up", description = "Stop once the stream has applied every source's current "
            + "binlog position, instead of streaming until stopped.")
    boolean untilCaughtUp;

    @Mixin
    MetaOptions meta;

    @Override
    public Integer call() throws Exception {
        WorkflowName.check(workflow);
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new ParameterException(spec.commandLine(), "--chunk-size must be 1..100000, got " + chunkSize);
        }
        if (maxRowsPerSecond < 0) {
            throw new ParameterException(spec.commandLine(), "--max-rows-per-second must be >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        try (MetadataStore store = meta.open()) {
            StartOptions options = new StartOptions(chunkSize, maxRowsPerSecond, maxReplicaLag, untilCaughtUp);
            new StartRun(store, workflow, options, stop::requested, Log.to(out),
                    (loaded, log) -> UnfinishedSwitches.abandon(store, loaded, log)).run();
        } finally {
            stop.finished();
        }
        return ExitCode.OK;
    }
}
