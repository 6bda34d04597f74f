package io.shardgate.execute.replica;

/** A PostgreSQL WAL location ({@code pg_lsn}, written {@code 16/B374D848}): a byte offset into the log. */
record WalPosition(long lsn) implements LogPosition {

    static WalPosition parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a PostgreSQL LSN: '" + text + "'");
        }
        long high = Long.parseLong(text.substring(0, slash), 16);
        long low = Long.parseLong(text.substring(slash + 1), 16);
        return new WalPosition(high << 32 | low);
    }

    @Override
    public boolean includes(LogPosition other) {
        return other instanceof WalPosition wal && Long.compareUnsigned(lsn, wal.lsn) >= 0;
    }

    @Override
    public LogPosition union(LogPosition other) {
        if (!(other instanceof WalPosition wal)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other);
        }
        return Long.compareUnsigned(lsn, wal.lsn) >= 0 ? this : wal;
    }

    @Override
    public String toString() {
        return String.format("%X/%X", lsn >>> 32, lsn & 0xFFFFFFFFL);
    }
}
