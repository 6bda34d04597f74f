package io.shardgate.execute.replica;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A MariaDB GTID position such as {@code 0-1-42,1-3-7}: per replication domain, the last transaction applied
 * (server id and sequence number). Sequence numbers grow within a domain, so comparing them per domain tells
 * whether one position includes another; the server id is carried only so the position can be written back
 * (e.g. to {@code MASTER_GTID_WAIT}).
 */
record GtidPosition(Map<Long, Gtid> byDomain) implements LogPosition {

    record Gtid(long domain, long server, long sequence) {
        @Override
        public String toString() {
            return Long.toUnsignedString(domain) + "-" + Long.toUnsignedString(server) + "-"
                    + Long.toUnsignedString(sequence);
        }
    }

    GtidPosition {
        byDomain = Map.copyOf(byDomain);
    }

    /** Parses MariaDB's text form; null or blank is the empty position (nothing applied yet). */
    static GtidPosition parse(String text) {
        Map<Long, Gtid> byDomain = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] fields = part.trim().split("-");
                if (fields.length != 3) {
                    throw new IllegalArgumentException("not a MariaDB GTID position: '" + text + "'");
                }
                Gtid gtid = new Gtid(Long.parseUnsignedLong(fields[0]), Long.parseUnsignedLong(fields[1]),
                        Long.parseUnsignedLong(fields[2]));
                byDomain.merge(gtid.domain(), gtid, GtidPosition::later);
            }
        }
        return new GtidPosition(byDomain);
    }

    @Override
    public boolean includes(LogPosition other) {
        if (!(other instanceof GtidPosition gtids)) {
            return false;
        }
        for (Gtid wanted : gtids.byDomain.values()) {
            Gtid applied = byDomain.get(wanted.domain());
            if (applied == null || Long.compareUnsigned(applied.sequence(), wanted.sequence()) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public LogPosition union(LogPosition other) {
        if (!(other instanceof GtidPosition gtids)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other);
        }
        Map<Long, Gtid> merged = new TreeMap<>(byDomain);
        gtids.byDomain.values().forEach(gtid -> merged.merge(gtid.domain(), gtid, GtidPosition::later));
        return new GtidPosition(merged);
    }

    private static Gtid later(Gtid a, Gtid b) {
        return Long.compareUnsigned(a.sequence(), b.sequence()) >= 0 ? a : b;
    }

    /** MariaDB's text form, domains in ascending order. */
    @Override
    public String toString() {
        return new TreeMap<>(byDomain).values().stream().map(Gtid::toString).collect(Collectors.joining(","));
    }
}
