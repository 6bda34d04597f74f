package io.shardgate.reshard.plan;

import java.util.ArrayList;
import java.util.List;

/** The comparison of two rule sets: one {@link TablePlan} per logical table, plus refusals about the whole. */
public record ReshardPlan(List<TablePlan> tables, List<String> refusals) {
    public ReshardPlan {
        tables = List.copyOf(tables);
        refusals = List.copyOf(refusals);
    }

    /** Every refusal, table ones prefixed with the table name. */
    public List<String> allRefusals() {
        List<String> all = new ArrayList<>(refusals);
        for (TablePlan table : tables) {
            table.refusals().forEach(r -> all.add("table " + table.table() + ": " + r));
        }
        return all;
    }

    public boolean refused() {
        return !allRefusals().isEmpty();
    }

    /** Tables whose rows move. */
    public List<TablePlan> movingTables() {
        return tables.stream().filter(t -> t.status() == TablePlan.Status.MOVES).toList();
    }
}
