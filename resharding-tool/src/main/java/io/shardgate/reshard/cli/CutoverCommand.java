package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.cutover.CutoverRun;
import io.shardgate.reshard.cutover.SwitchReport;
import io.shardgate.reshard.meta.MetadataStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = {"Switches the routers to the target rules: takes the workflow over from a running start, "
                + "catches the stream up, has every live router load the target rules and hold writes to the moving "
                + "tables, drains the stream to the sources' positions, fences the old tables, publishes the target "
                + "rules and lets the routers release the held writes onto them. Reports the write pause.",
                "Exit 0: cut over; 1: aborted (routers that did not answer are named; the old rules stay in use) or "
                        + "failed; 2: bad options; 3: not possible in the workflow's state, or the stream could not "
                        + "catch up."})
public final class CutoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workflow", required = true, paramLabel = "NAME", description = "The workflow.")
    String workflow;

    @Mixin
    SwitchOptions options;

    @Mixin
    MetaOptions meta;

    @Override
    public Integer call() throws Exception {
        WorkflowName.check(workflow);
        PrintWriter out = spec.commandLine().getOut();
        try (MetadataStore store = meta.open()) {
            SwitchReport report = new CutoverRun(store, workflow, options.timeout, options.catchUpTimeout,
                    Log.to(out)).run();
            report.lines().forEach(out::println);
            out.println("next: keep a start running (it streams back into the old tables, so rollback loses "
                    + "nothing); then complete, or rollback");
        }
        return ExitCode.OK;
    }
}
