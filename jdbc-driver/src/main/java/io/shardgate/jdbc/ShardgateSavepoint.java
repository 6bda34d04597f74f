package io.shardgate.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A JDBC savepoint of a Shardgate connection. Unnamed ones get an engine name of their own, so both kinds are
 * savepoints by name in the engine session (and on the shard, when there is one).
 */
final class ShardgateSavepoint implements Savepoint {
    private final int id;
    private final String name;

    private ShardgateSavepoint(int id, String name) {
        this.id = id;
        this.name = name;
    }

    static ShardgateSavepoint unnamed(int id) {
        return new ShardgateSavepoint(id, null);
    }

    static ShardgateSavepoint named(String name) {
        return new ShardgateSavepoint(0, name);
    }

    static ShardgateSavepoint of(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof ShardgateSavepoint own) {
            return own;
        }
        throw new SQLException("not a savepoint of a Shardgate connection: " + savepoint, "3B001");
    }

    String engineName() {
        return name != null ? name : "shardgate_savepoint_" + id;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("savepoint " + name + " is named; it has no id", "HY000");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("savepoint " + id + " is unnamed", "HY000");
        }
        return name;
    }

    @Override
    public String toString() {
        return engineName();
    }
}
