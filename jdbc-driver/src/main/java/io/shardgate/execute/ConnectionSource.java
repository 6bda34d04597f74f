package io.shardgate.execute;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a statement's units get their connections: fresh from the pools, or those a transaction holds. */
public interface ConnectionSource {

    /** A connection to {@code dataSource} for one unit. */
    Connection acquire(String dataSource) throws SQLException;

    /** Gives back a connection from {@link #acquire} once the unit and its result are done with it. */
    void release(Connection connection) throws SQLException;

    /** True when units on one data source share one connection, so they must run one after another. */
    boolean sharesConnections();

    /**
     * A write unit succeeded on {@code connection}, a primary connection of {@code dataSource}; in autocommit it is
     * committed. Lets read-your-writes note it. Must not throw: the write has happened.
     */
    default void afterWrite(String dataSource, Connection connection) {
    }

    /**
     * A unit failed on {@code connection}. True when the source took the failed server out of use and the unit, a
     * read outside a transaction, may run once more on a connection acquired afresh.
     */
    default boolean failedOver(Connection connection, SQLException error) {
        return false;
    }
}
