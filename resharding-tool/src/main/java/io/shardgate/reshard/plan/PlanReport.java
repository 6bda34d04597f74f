package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.Json;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a plan with its size estimates for people, or as JSON for scripts. */
public final class PlanReport {
    static final String ESTIMATE_NOTE = "estimates: rows and bytes are information_schema.TABLES figures (InnoDB's "
            + "sampled TABLE_ROWS and DATA_LENGTH + INDEX_LENGTH), not counts; a move's share of its source assumes "
            + "keys spread evenly over the keyspace (hash) or over the residues (mod); range moves depend on the "
            + "data and are not estimated";

    private final String from;
    private final String to;
    private final ReshardPlan plan;
    private final SizeEstimates estimates;

    public PlanReport(String from, String to, ReshardPlan plan, SizeEstimates estimates) {
        this.from = from;
        this.to = to;
        this.plan = plan;
        this.estimates = estimates;
    }

    public void printText(PrintWriter out) {
        out.println("Resharding plan: " + from + " -> " + to);
        plan.refusals().forEach(r -> out.println("  REFUSED: " + r));
        for (TablePlan table : plan.tables()) {
            out.println();
            out.println(table.table() + ": " + table.change() + " [" + table.status().name().toLowerCase(Locale.ROOT)
                    + "]");
            table.refusals().forEach(r -> out.println("  REFUSED: " + r));
            for (SourcePlan source : table.sources()) {
                out.println("  " + source.source() + "  " + source.keys() + size(estimates.of(source.source())
                        .orElse(null), ""));
                for (Piece piece : source.pieces()) {
                    if (!piece.moves()) {
                        out.println("    stays  " + piece.keys());
                        continue;
                    }
                    String share = piece.shareKnown() ? String.format(Locale.ROOT, " (%.1f%% of the source)",
                            piece.share() * 100) : "";
                    out.println("    moves  " + piece.keys() + "  to " + piece.target()
                            + size(pieceSize(source, piece), share));
                }
            }
            if (!table.sources().isEmpty() && table.status() != TablePlan.Status.UNCHANGED) {
                printSkew(out, "now  ", currentRows(table));
                printSkew(out, "after", targetRows(table));
            }
        }
        out.println();
        estimates.unreachable().forEach((ds, why) -> out.println("no estimates for data source " + ds + ": " + why));
        out.println(ESTIMATE_NOTE);
        long moving = plan.movingTables().size();
        if (plan.refused()) {
            out.println("Result: REFUSED (" + plan.allRefusals().size() + " refusal(s)); nothing can start");
        } else {
            out.println("Result: " + moving + " table(s) move" + (moving == 0 ? "; nothing to do" : ""));
        }
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("from", from);
        root.put("to", to);
        root.put("refused", plan.refused());
        root.put("refusals", plan.allRefusals());
        List<Object> tables = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", table.table());
            t.put("change", table.change());
            t.put("status", table.status().name().toLowerCase(Locale.ROOT));
            t.put("refusals", table.refusals());
            List<Object> sources = new ArrayList<>();
            for (SourcePlan source : table.sources()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("node", source.source().toString());
                s.put("keys", source.keys());
                estimates.of(source.source()).ifPresent(size -> {
                    s.put("estimatedRows", size.rows());
                    s.put("estimatedBytes", size.bytes());
                });
                List<Object> pieces = new ArrayList<>();
                for (Piece piece : source.pieces()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("keys", piece.keys());
                    p.put("target", piece.target().toString());
                    p.put("moves", piece.moves());
                    p.put("share", piece.shareKnown() ? piece.share() : null);
                    NodeSize size = pieceSize(source, piece);
                    p.put("estimatedRows", size == null ? null : size.rows());
                    p.put("estimatedBytes", size == null ? null : size.bytes());
                    pieces.add(p);
                }
                s.put("pieces", pieces);
                sources.add(s);
            }
            t.put("sources", sources);
            Map<DataNode, Long> now = currentRows(table);
            Map<DataNode, Long> after = targetRows(table);
            t.put("skewNow", now.isEmpty() ? null : SizeEstimates.skew(new ArrayList<>(now.values())));
            t.put("skewAfter", after.isEmpty() ? null : SizeEstimates.skew(new ArrayList<>(after.values())));
            tables.add(t);
        }
        root.put("tables", tables);
        root.put("unreachable", estimates.unreachable());
        root.put("estimateNote", ESTIMATE_NOTE);
        return Json.write(root);
    }

    private NodeSize pieceSize(SourcePlan source, Piece piece) {
        if (!piece.shareKnown()) {
            return null;
        }
        return estimates.of(source.source()).map(size -> size.times(piece.share())).orElse(null);
    }

    private Map<DataNode, Long> currentRows(TablePlan table) {
        Map<DataNode, Long> rows = new LinkedHashMap<>();
        for (SourcePlan source : table.sources()) {
            estimates.of(source.source()).ifPresent(size -> rows.put(source.source(), size.rows()));
        }
        return rows.size() == table.sources().size() ? rows : Map.of();
    }

    /** Rows each target node will hold, when every piece's share and every source's size are known. */
    private Map<DataNode, Long> targetRows(TablePlan table) {
        Map<DataNode, Long> rows = new LinkedHashMap<>();
        table.target().nodes().forEach(node -> rows.put(node, 0L));
        for (SourcePlan source : table.sources()) {
            NodeSize size = estimates.of(source.source()).orElse(null);
            for (Piece piece : source.pieces()) {
                if (size == null || !piece.shareKnown()) {
                    return Map.of();
                }
                rows.merge(piece.target(), size.times(piece.share()).rows(), Long::sum);
            }
        }
        return rows;
    }

    private static void printSkew(PrintWriter out, String when, Map<DataNode, Long> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder("  rows per shard " + when + ": ");
        rows.forEach((node, n) -> line.append(node).append(" ~").append(String.format(Locale.ROOT, "%,d", n))
                .append(", "));
        line.append(String.format(Locale.ROOT, "skew %.2f (largest / mean)",
                SizeEstimates.skew(new ArrayList<>(rows.values()))));
        out.println(line);
    }

    private static String size(NodeSize size, String suffix) {
        if (size == null) {
            return suffix;
        }
        return String.format(Locale.ROOT, "  ~%,d rows, %s", size.rows(), bytes(size.bytes())) + suffix;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
