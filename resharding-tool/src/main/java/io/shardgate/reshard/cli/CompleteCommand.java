package io.shardgate.reshard.cli;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.cutover.CompleteRun;
import io.shardgate.reshard.meta.MetadataStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "complete", mixinStandardHelpOptions = true,
        description = {"After a cutover, once every live router runs the target rules: stops the reverse stream and "
                + "drops the old tables (they gave all their rows to the new ones), with their fences.",
                "Exit 0: completed; 1: failed; 2: bad options; 3: not possible in the workflow's state, or a router "
                        + "still runs the old rules."})
public final class CompleteCommand implements Callable<Integer> {
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
            List<DataNode> dropped = new CompleteRun(store, workflow, Log.to(out)).run();
            out.println("workflow " + workflow + " completed; old tables dropped: "
                    + String.join(", ", dropped.stream().map(DataNode::toString).toList()));
        }
        return ExitCode.OK;
    }
}
