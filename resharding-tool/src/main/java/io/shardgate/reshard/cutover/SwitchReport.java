package io.shardgate.reshard.cutover;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.meta.SwitchAck;

import java.util.ArrayList;
import java.util.List;

/**
 * What a published switch reports: the attempt, the write pause as the tool saw it (from asking the routers to hold
 * until the publication committed), each router's own hold (from when it began holding until it released), and
 * the tables fenced. A run that finds the switch already published (an earlier run was killed after publishing)
 * reports just the attempt that did it.
 */
public record SwitchReport(String kind, String workflow, int attempt, long toVersion, long pauseMillis,
                           List<SwitchAck> acks, List<DataNode> fenced, boolean byEarlierRun) {

    /** The switch was published by attempt {@code attempt} of an earlier run. */
    static SwitchReport earlier(String kind, String workflow, int attempt, long toVersion, List<DataNode> fenced) {
        return new SwitchReport(kind, workflow, attempt, toVersion, 0, List.of(), fenced, true);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (byEarlierRun) {
            lines.add(kind + " of workflow " + workflow + ": rules v" + toVersion + " already published (attempt "
                    + attempt + ", by an earlier run); nothing to do");
            lines.add("  fenced: " + String.join(", ", fenced.stream().map(DataNode::toString).toList()));
            return lines;
        }
        lines.add(kind + " of workflow " + workflow + ": rules v" + toVersion + " published (attempt " + attempt + ")");
        lines.add("  write pause: " + pauseMillis + " ms from hold to publication"
                + (acks.isEmpty() ? "; no router was registered" : ""));
        for (SwitchAck ack : acks) {
            lines.add("  router " + ack.routerId() + ": " + (ack.holdMillis() == null ? "release not reported yet"
                    : "held writes " + ack.holdMillis() + " ms"));
        }
        lines.add("  fenced: " + String.join(", ", fenced.stream().map(DataNode::toString).toList()));
        return lines;
    }
}
