package io.shardgate.jdbc;

import java.sql.Connection;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * An H2 function that takes its time, so statements run long enough to time out or be cancelled. H2 looks for
 * cancellation only every so many rows, so the function checks its session itself while it waits, as a server
 * would while it works.
 */
public final class SlowRows {
    private SlowRows() {
    }

    /** Registered on a shard as {@code slow_row(millis)}: waits, then returns its argument. */
    public static int pause(Connection connection, int millis) throws Exception {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            session.checkCanceled();
            Thread.sleep(5);
        }
        return millis;
    }
}
