package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.cutover.CancelRun;
import io.shardgate.reshard.meta.MetadataStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Abandons a workflow before cutover: takes it over from a running start, drops the target "
                + "tables this workflow created and empties those it adopted.",
                "Exit 0: cancelled; 1: failed; 2: bad options; 3: not possible in the workflow's state (after a "
                        + "cutover, use rollback)."})
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workflow", required = true, paramLabel = "NAME", description = "The workflow.")
    String workflow;

    @Mixin
    MetaOptions meta;

    @Override
    public Integer call() throws Exception {
        WorkflowName.check(workflow);
        PrintWriter out = spec.commandLine().getOut();
        try (MetadataStore store = meta.open()) {
            List<String> done = new CancelRun(store, workflow, Log.to(out)).run();
            out.println("workflow " + workflow + " cancelled" + (done.isEmpty() ? "; no target table existed" : ""));
        }
        return ExitCode.OK;
    }
}
