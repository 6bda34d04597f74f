package io.shardgate.reshard.cli;

import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.Json;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.status.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows a workflow's state, copy progress per source shard (progress bar on a terminal), rate, "
                + "ETA and change-stream lag; without --workflow, lists the workflows.",
                "Exit 0: shown; 1: failed; 2: bad options; 3: no such workflow."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workflow", paramLabel = "NAME", description = "The workflow to show.")
    String workflow;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    MetaOptions meta;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (MetadataStore store = meta.open()) {
            if (workflow == null) {
                List<Object> rows = new ArrayList<>();
                for (Workflow w : store.workflows()) {
                    if (json) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("workflow", w.name());
                        row.put("state", w.state().name());
                        row.put("updatedAt", w.updatedAt().toString());
                        rows.add(row);
                    } else {
                        out.println(w.name() + "  " + w.state() + "  updated " + w.updatedAt());
                    }
                }
                if (json) {
                    out.println(Json.write(rows));
                }
                return ExitCode.OK;
            }
            Workflow w = store.workflow(WorkflowName.check(workflow))
                    .orElseThrow(() -> ReshardException.notPossible("no workflow named " + workflow));
            DriverManager.setLoginTimeout(5); // an unreachable source must not stall the status
            StatusReport report = StatusReport.collect(store, w);
            if (json) {
                out.println(report.json());
            } else {
                report.printText(out, System.console() != null);
            }
        }
        return ExitCode.OK;
    }
}
