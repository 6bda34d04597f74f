package io.shardgate.reshard.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A MariaDB GTID position: per replication domain, the last transaction {@code domain-server-sequence}. Sequence
 * numbers grow within a domain whichever server wrote them, so comparing them per domain tells whether one
 * position includes another. Immutable.
 */
public final class GtidPosition {
    private record Gtid(long server, long sequence) {
    }

    private final TreeMap<Long, Gtid> domains;

    private GtidPosition(TreeMap<Long, Gtid> domains) {
        this.domains = domains;
    }

    /**
     * Parses {@code @@gtid_binlog_pos} text, e.g. {@code 0-1-42,1-2-7}; the empty string is the empty position.
     *
     * @throws IllegalArgumentException naming the text when it is not a GTID position
     */
    public static GtidPosition parse(String text) {
        TreeMap<Long, Gtid> domains = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] fields = part.trim().split("-");
                if (fields.length != 3) {
                    throw new IllegalArgumentException("'" + text + "' is not a MariaDB GTID position "
                            + "(domain-server-sequence, comma-separated)");
                }
                try {
                    domains.put(Long.parseLong(fields[0]),
                            new Gtid(Long.parseLong(fields[1]), Long.parseUnsignedLong(fields[2])));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a MariaDB GTID position", e);
                }
            }
        }
        return new GtidPosition(domains);
    }

    /** This position with the transaction {@code domain-server-sequence} applied. */
    public GtidPosition with(long domain, long server, long sequence) {
        TreeMap<Long, Gtid> next = new TreeMap<>(domains);
        next.put(domain, new Gtid(server, sequence));
        return new GtidPosition(next);
    }

    /** True when every transaction in {@code other} is also in this position. */
    public boolean includes(GtidPosition other) {
        for (Map.Entry<Long, Gtid> entry : other.domains.entrySet()) {
            Gtid mine = domains.get(entry.getKey());
            if (mine == null || Long.compareUnsigned(mine.sequence(), entry.getValue().sequence()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Transactions in {@code other} that are not in this position: the sum over domains of the sequence gaps. */
    public long transactionsBehind(GtidPosition other) {
        long behind = 0;
        for (Map.Entry<Long, Gtid> entry : other.domains.entrySet()) {
            Gtid mine = domains.get(entry.getKey());
            long applied = mine == null ? 0 : mine.sequence();
            behind += Math.max(0, entry.getValue().sequence() - applied);
        }
        return behind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidPosition other && domains.equals(other.domains);
    }

    @Override
    public int hashCode() {
        return domains.hashCode();
    }

    @Override
    public String toString() {
        return domains.entrySet().stream()
                .map(e -> e.getKey() + "-" + e.getValue().server() + "-"
                        + Long.toUnsignedString(e.getValue().sequence()))
                .collect(Collectors.joining(","));
    }
}
