package io.shardgate.execute;

import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shard statements one client statement is executing, so that they can be cancelled together: by the
 * executor when one of them fails or times out, or from another thread through {@link #cancel()} (JDBC
 * {@code Statement.cancel}). Units that have not started when {@link #cancel()} is called do not start.
 */
public final class RunningStatements {
    private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** The tracker the options carry, or a fresh one for this execution. */
    static RunningStatements of(StatementOptions options) {
        return options.running() != null ? options.running() : new RunningStatements();
    }

    /** Registers a statement about to execute; cancels it at once if {@link #cancel()} came first. */
    public void add(Statement statement) {
        statements.add(statement);
        if (cancelled) {
            cancel(statement);
        }
    }

    public void remove(Statement statement) {
        statements.remove(statement);
    }

    /** Cancels every registered statement and keeps units not yet started from starting. Callable from any thread. */
    public void cancel() {
        cancelled = true;
        cancelAll();
    }

    /** True after {@link #cancel()}. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Cancels the statements executing now (after a failure), without marking the execution cancelled. */
    void cancelAll() {
        for (Statement statement : statements) {
            cancel(statement);
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (Exception ignored) {
            // best effort: the statement may have finished or been closed meanwhile
        }
    }
}
