package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.Json;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.WorkflowState;
import io.shardgate.reshard.verify.RowDifference;
import io.shardgate.reshard.verify.VerifyResult;
import io.shardgate.reshard.verify.Verifier;
import io.shardgate.reshard.workflow.LoadedWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compares the sources with the targets chunk by chunk (per-row MD5 digests computed by the "
                + "servers, compared by primary key), re-checks differing chunks after a delay, and lists the rows "
                + "that still differ. Run it after 'start --until-caught-up', or while a start keeps streaming.",
                "Exit 0: targets match; 1: rows differ (or failure); 2: bad options; 3: the copy is not complete."})
public final class VerifyCommand implements Callable<Integer> {
    private static final EnumSet<WorkflowState> VERIFIABLE =
            EnumSet.of(WorkflowState.STREAMING, WorkflowState.CUTTING_OVER, WorkflowState.CUT_OVER);

    @Spec
    CommandSpec spec;

    @Option(names = "--workflow", required = true, paramLabel = "NAME", description = "The workflow to verify.")
    String workflow;

    @Option(names = "--chunk-size", defaultValue = "2000", paramLabel = "ROWS",
            description = "Source rows per compared chunk (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--rechecks", defaultValue = "3", paramLabel = "N",
            description = "Times a differing chunk is checked again (default: ${DEFAULT-VALUE}).")
    int rechecks;

    @Option(names = "--recheck-delay-ms", defaultValue = "2000", paramLabel = "MS",
            description = "Pause before each recheck (default: ${DEFAULT-VALUE}).")
    long recheckDelayMillis;

    @Option(names = "--max-rows", defaultValue = "50", paramLabel = "N",
            description = "Differing rows to list at most (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    MetaOptions meta;

    @Override
    public Integer call() throws Exception {
        WorkflowName.check(workflow);
        if (chunkSize < 1 || rechecks < 0 || recheckDelayMillis < 0 || maxRows < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--chunk-size must be >= 1 and --rechecks, --recheck-delay-ms, --max-rows >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        VerifyResult result;
        try (MetadataStore store = meta.open(); LoadedWorkflow loaded = LoadedWorkflow.load(store, workflow)) {
            WorkflowState state = loaded.workflow().state();
            if (!VERIFIABLE.contains(state)) {
                throw ReshardException.notPossible("workflow " + workflow + " is " + state + "; verify needs the copy "
                        + "to be complete (STREAMING or later)");
            }
            result = new Verifier(loaded.plan(), loaded.sources(), loaded.targets(), chunkSize,
                    line -> {
                        if (!json) {
                            out.println(line);
                            out.flush();
                        }
                    }).run(rechecks, recheckDelayMillis);
        }
        List<RowDifference> listed = result.differences().subList(0, Math.min(maxRows,
                result.differences().size()));
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("workflow", workflow);
            root.put("matches", result.matches());
            root.put("sourceRows", result.sourceRows());
            root.put("chunks", result.chunks());
            root.put("failingChunks", result.failingChunks());
            root.put("differingRows", result.differences().size());
            root.put("rows", listed.stream().map(d -> Map.of("table", d.table(), "target", d.target(),
                    "kind", d.kind().name(), "key", d.key(), "source", d.source())).toList());
            out.println(Json.write(root));
        } else {
            out.println("verified " + result.sourceRows() + " source rows in " + result.chunks() + " chunks: "
                    + (result.matches() ? "targets match" : result.differences().size() + " rows differ in "
                    + result.failingChunks() + " chunk(s)"));
            for (RowDifference d : listed) {
                out.println("  " + d.kind() + " " + d.table() + " key " + d.key() + " on " + d.target()
                        + " (source " + d.source() + ")");
            }
            if (listed.size() < result.differences().size()) {
                out.println("  ... " + (result.differences().size() - listed.size()) + " more (raise --max-rows)");
            }
        }
        return result.matches() ? ExitCode.OK : ExitCode.FAILED;
    }
}
