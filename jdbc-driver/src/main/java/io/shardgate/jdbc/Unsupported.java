package io.shardgate.jdbc;

import java.sql.SQLFeatureNotSupportedException;

/** The error for JDBC methods Shardgate does not implement, naming the method. */
final class Unsupported {
    private Unsupported() {
    }

    static SQLFeatureNotSupportedException method(String name) {
        return new SQLFeatureNotSupportedException("Shardgate does not support " + name, "0A000");
    }
}
