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
}
