package io.shardgate.engine.rules;

import io.shardgate.sql.parse.Dialect;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Holds writes to the tables being moved while a switch needs them still, and knows which writes are in flight.
 *
 * <p>Every session has one {@link Claim}. A write statement is admitted before it runs; the claim then stays open
 * until the statement ends (autocommit) or the transaction ends, and records which tracked tables (those of the
 * active workflow) the statement names. A hold on some tables makes new writes naming them wait, and is
 * {@link #drained()} once no open claim may have written to them: then nothing still running can commit to the old
 * layout after the switch reads its final change-log position. A claim opened before the tracked set last changed
 * may have written to any table, so it counts as in flight for every hold. A claim the drain waits for is never
 * made to wait itself: a transaction that already wrote to a held table finishes on the old layout.
 *
 * <p>Admission is lock-free while nothing is held: the claim is published first and the hold read after, and the
 * watcher sets the hold first and reads the claims after, so one of them always sees the other.
 */
public final class WriteGate {
    private static final long NONE = -1;
    private static final long WAIT_SLICE_MILLIS = 50;

    private record Tracking(long epoch, TableMentions mentions) {
    }

    private record Hold(Set<String> tables, long epoch, String reason, long sinceNanos) {
    }

    /** Why an admission waits, and until when at most. */
    private record Blocker(Set<String> tables, String reason, long deadlineNanos) {
    }

    private final Dialect dialect;
    private final LongSupplier nanoClock;
    private final long maxHoldNanos;
    private final long selfFenceNanos;
    private final Set<Claim> open = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    private volatile Tracking tracking;
    private volatile Hold hold;
    private volatile long lastContactNanos;

    public WriteGate(Dialect dialect) {
        this(dialect, System::nanoTime, RouterTimings.MAX_HOLD, RouterTimings.SELF_FENCE_AFTER);
    }

    WriteGate(Dialect dialect, LongSupplier nanoClock, Duration maxHold, Duration selfFenceAfter) {
        this.dialect = dialect;
        this.nanoClock = nanoClock;
        this.maxHoldNanos = maxHold.toNanos();
        this.selfFenceNanos = selfFenceAfter.toNanos();
        this.tracking = new Tracking(0, new TableMentions(Set.of(), dialect));
        this.lastContactNanos = nanoClock.getAsLong();
    }

    /** A new session's claim. */
    public Claim newClaim() {
        return new Claim();
    }

    // ---- the watcher's side ---------------------------------------------------------------------------------

    /** The tables of the active workflow (lower-case logical names); empty when none is active. */
    void track(Set<String> tables) {
        if (!tracking.mentions().tables().equals(tables)) {
            tracking = new Tracking(tracking.epoch() + 1, new TableMentions(tables, dialect));
        }
    }

    Set<String> tracked() {
        return tracking.mentions().tables();
    }

    /** The store answered: writes held for want of it may go on. */
    void contact() {
        boolean wasSilent = storeSilent(nanoClock.getAsLong());
        lastContactNanos = nanoClock.getAsLong();
        if (wasSilent) {
            wakeWaiters();
        }
    }

    /** From now on new writes naming {@code tables} wait; {@code reason} names the switch in errors. */
    void hold(Set<String> tables, String reason) {
        Set<String> all = new HashSet<>(tracked());
        all.addAll(tables);
        track(Set.copyOf(all));
        hold = new Hold(Set.copyOf(tables), tracking.epoch(), reason, nanoClock.getAsLong());
    }

    /** True once no open claim may have written to the held tables. */
    boolean drained() {
        Hold h = hold;
        if (h == null) {
            return true;
        }
        for (Claim claim : open) {
            if (claim.blocksDrain(h)) {
                return false;
            }
        }
        return true;
    }

    /** Lets held writes go; they plan against whatever rules the engine serves by then. */
    void release() {
        hold = null;
        wakeWaiters();
    }

    private void wakeWaiters() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    private boolean storeSilent(long now) {
        return now - lastContactNanos > selfFenceNanos;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String table : a) {
            if (b.contains(table)) {
                return true;
            }
        }
        return false;
    }

    // ---- the sessions' side ---------------------------------------------------------------------------------

    /** One session's writes in flight. Used by that session's thread only, read by the watcher. */
    public final class Claim {
        /** The tracking epoch when the claim opened, or NONE while nothing is in flight. */
        private volatile long epoch = NONE;
        private volatile Set<String> tables = Set.of();

        private Claim() {
        }

        /**
         * Admits write statements (one, or a batch): waits while one of them names a held table, then keeps the
         * claim open on what they name until {@link #finish()}.
         *
         * @throws SQLTimeoutException when the hold outlasts the longest hold ({@link RouterTimings#MAX_HOLD}); the
         *                             message names the switch, or the unreachable metadata store
         */
        public void admit(List<String> statements) throws SQLException {
            while (true) {
                Tracking t = tracking;
                Set<String> named = named(t, statements);
                long beforeEpoch = epoch;
                Set<String> before = tables;
                boolean wasOpen = beforeEpoch != NONE;
                if (!wasOpen) {
                    epoch = t.epoch();
                    open.add(this);
                }
                if (!named.isEmpty()) {
                    Set<String> union = new HashSet<>(before);
                    union.addAll(named);
                    tables = Set.copyOf(union);
                }
                Blocker blocker = blocker(named, wasOpen, beforeEpoch, before);
                if (blocker == null) {
                    return;
                }
                tables = before;
                if (!wasOpen) {
                    open.remove(this);
                    epoch = NONE;
                }
                await(blocker);
            }
        }

        /** The statement (autocommit) or the transaction ended. */
        public void finish() {
            if (epoch != NONE) {
                open.remove(this);
                tables = Set.of();
                epoch = NONE;
            }
        }

        private boolean blocksDrain(Hold h) {
            long e = epoch;
            return e != NONE && (e != h.epoch() || intersects(tables, h.tables()));
        }

        private Set<String> named(Tracking t, List<String> statements) {
            if (statements.size() == 1) {
                return t.mentions().in(statements.get(0));
            }
            Set<String> all = new HashSet<>();
            statements.forEach(sql -> all.addAll(t.mentions().in(sql)));
            return all;
        }

        private Blocker blocker(Set<String> named, boolean wasOpen, long beforeEpoch, Set<String> before) {
            if (named.isEmpty()) {
                return null;
            }
            Hold h = hold;
            if (h != null && intersects(named, h.tables())) {
                boolean inFlight = wasOpen && (beforeEpoch != h.epoch() || intersects(before, h.tables()));
                if (!inFlight) {
                    return new Blocker(h.tables(), h.reason(), h.sinceNanos() + maxHoldNanos);
                }
            }
            long now = nanoClock.getAsLong();
            if (storeSilent(now)) {
                long silentSince = lastContactNanos;
                return new Blocker(named, "metadata store unreachable for "
                        + TimeUnit.NANOSECONDS.toSeconds(now - silentSince) + " s, so this router cannot tell whether "
                        + "they moved", silentSince + selfFenceNanos + maxHoldNanos);
            }
            return null;
        }

        private void await(Blocker blocker) throws SQLException {
            long now = nanoClock.getAsLong();
            if (now >= blocker.deadlineNanos()) {
                throw new SQLTimeoutException("writes to " + String.join(", ", blocker.tables()) + " are held: "
                        + blocker.reason() + "; held longer than " + TimeUnit.NANOSECONDS.toSeconds(maxHoldNanos)
                        + " s, so this write was not run", "HYT00");
            }
            long slice = Math.min(WAIT_SLICE_MILLIS, Math.max(1,
                    TimeUnit.NANOSECONDS.toMillis(blocker.deadlineNanos() - now)));
            synchronized (changes) {
                try {
                    changes.wait(slice);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while writes to " + String.join(", ", blocker.tables())
                            + " were held (" + blocker.reason() + "); this write was not run", "HY008", e);
                }
            }
        }
    }
}
