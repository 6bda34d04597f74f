package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.cutover.RollbackRun;
import io.shardgate.reshard.cutover.SwitchReport;
import io.shardgate.reshard.meta.MetadataStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"After a cutover, switches back to the old rules: catches up the reverse stream (which has "
                + "kept the old tables current since the cutover), has the routers hold writes, drains it, fences "
                + "the target tables, unfences the old ones and publishes the old rules again.",
                "Exit 0: rolled back; 1: aborted (the target rules stay in use) or failed; 2: bad options; 3: not "
                        + "possible in the workflow's state."})
public final class RollbackCommand implements Callable<Integer> {
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
            SwitchReport report = new RollbackRun(store, workflow, options.timeout, options.catchUpTimeout,
                    Log.to(out)).run();
            report.lines().forEach(out::println);
            out.println("the target tables stay, fenced; drop them (sg_target_table lists those this workflow "
                    + "created) once every router runs rules v" + report.toVersion());
        }
        return ExitCode.OK;
    }
}
