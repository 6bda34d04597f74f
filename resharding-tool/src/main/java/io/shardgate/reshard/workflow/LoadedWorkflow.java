package io.shardgate.reshard.workflow;

import io.shardgate.config.ConfigException;
import io.shardgate.reshard.ExitCode;
import io.shardgate.reshard.ReshardException;
import io.shardgate.reshard.db.DataSourceConnections;
import io.shardgate.reshard.meta.MetadataStore;
import io.shardgate.reshard.meta.Workflow;
import io.shardgate.reshard.plan.Planner;
import io.shardgate.reshard.plan.ReshardPlan;
import io.shardgate.reshard.plan.RulesSource;
import io.shardgate.reshard.plan.TablePlan;

import java.sql.SQLException;
import java.util.List;

/**
 * A workflow read back from the metadata store with both rule versions and the plan between them, and connections
 * to the current layout's data sources ({@code sources}) and the target layout's ({@code targets}). The connections
 * pass the workflow's own write fences.
 */
public record LoadedWorkflow(Workflow workflow, RulesSource current, RulesSource target, ReshardPlan plan,
                             DataSourceConnections sources, DataSourceConnections targets) implements AutoCloseable {

    public static LoadedWorkflow load(MetadataStore store, String name) throws SQLException {
        Workflow workflow = store.workflow(name).orElseThrow(() -> new ReshardException(ExitCode.NOT_POSSIBLE,
                "no workflow named " + name + " (create one with plan --workflow " + name + ")"));
        RulesSource current = rules(store, workflow.fromVersion());
        RulesSource target = rules(store, workflow.toVersion());
        ReshardPlan plan = Planner.plan(current, target);
        if (plan.refused()) {
            throw new ReshardException(ExitCode.FAILED, "the stored rules no longer make a valid plan: "
                    + String.join("; ", plan.allRefusals()));
        }
        return new LoadedWorkflow(workflow, current, target, plan,
                new DataSourceConnections(current.config(), workflow.name()),
                new DataSourceConnections(target.config(), workflow.name()));
    }

    /** The plan from the target rules back to the current ones: what the reverse stream applies after cutover. */
    public ReshardPlan reversePlan() {
        ReshardPlan reverse = Planner.plan(target, current);
        if (reverse.refused()) {
            throw new ReshardException(ExitCode.FAILED, "the target rules cannot be streamed back into the current "
                    + "ones: " + String.join("; ", reverse.allRefusals()));
        }
        return reverse;
    }

    /** The logical tables whose rows move. */
    public List<String> movingTables() {
        return plan.movingTables().stream().map(TablePlan::table).toList();
    }

    private static RulesSource rules(MetadataStore store, long version) throws SQLException {
        String yaml = store.rulesYaml(version).orElseThrow(() -> new ReshardException(ExitCode.FAILED,
                "rules version " + version + " is missing from the metadata store"));
        try {
            return RulesSource.parse(yaml, "rules v" + version);
        } catch (ConfigException e) {
            throw new ReshardException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    public String name() {
        return workflow.name();
    }

    @Override
    public void close() {
        sources.close();
        targets.close();
    }
}
