package io.shardgate.reshard.cutover;

import io.shardgate.config.DataNode;
import io.shardgate.reshard.meta.SwitchAck;

import java.util.ArrayList;
import java.util.List;

/**
 * What a published switch reports: the attempt, the write pause as the tool saw it (from asking the routers to hold
 * until the publication committed), each router's own hold (from when it began holding until it released), and
 * the tables fenced.
 */
public record SwitchReport(String kind, String workflow, int attempt, long toVersion, long pauseMillis,
                           List<SwitchAck> acks, List<DataNode> fenced) {

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
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
