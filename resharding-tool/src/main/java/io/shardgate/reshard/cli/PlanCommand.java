package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.plan.PlanReport;
import io.shardgate.reshard.plan.Planner;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.plan.RulesSource;
import io.shardgate.reshard.plan.SizeEstimates;
import io.shardgate.reshard.plan.TablePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Compares the current and the target rules: which rows move from which node to which, "
                + "estimated rows and bytes per move (when the sources are reachable), skew, and refusals for "
                + "changes that cannot be done online.",
                "With --workflow, also records the workflow (state PLANNED) in the metadata store.",
                "Exit 0: plan ready; 1: the plan has refusals (nothing was recorded); 2: bad options or rules; "
                        + "3: the workflow cannot be recorded now."})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "CURRENT.yaml", description = "The rules in use now.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "TARGET.yaml", description = "The rules to move to.")
    Path to;

    @Option(names = "--workflow", paramLabel = "NAME", description = "Record the plan as this workflow (needs --meta).")
    String workflow;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--no-estimates", description = "Do not connect to the sources for size estimates.")
    boolean noEstimates;

    @Mixin
    MetaOptions meta;

    @Override
    public Integer call() throws Exception {
        if (workflow != null) {
            WorkflowName.check(workflow);
            meta.open().close(); // fail on a bad --meta before any work
        }
        RulesSource current = RulesSource.load(from);
        RulesSource target = RulesSource.load(to);
        ReshardPlan plan = Planner.plan(current, target);
        SizeEstimates estimates = SizeEstimates.none();
        if (!noEstimates) {
            DriverManager.setLoginTimeout(5);
            try (DataSourceConnections sources = new DataSourceConnections(current.config())) {
                estimates = SizeEstimates.measure(plan, sources);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PlanReport report = new PlanReport(from.toString(), to.toString(), plan, estimates);
        if (json) {
            out.println(report.json());
        } else {
            report.printText(out);
        }
        if (plan.refused()) {
            return ExitCode.FAILED;
        }
        if (workflow != null) {
            if (plan.movingTables().isEmpty()) {
                spec.commandLine().getErr().println("plan: nothing moves; no workflow recorded");
                return ExitCode.FAILED;
            }
            try (MetadataStore store = meta.open()) {
                Workflow created = store.createWorkflow(workflow, current.yaml(), target.yaml(),
                        plan.movingTables().stream().map(TablePlan::table).toList());
                if (!json) {
                    out.println("workflow " + created.name() + " recorded: " + created.state() + ", rules v"
                            + created.fromVersion() + " -> v" + created.toVersion() + "; next: start --workflow "
                            + created.name());
                }
            }
        }
        return ExitCode.OK;
    }
}
