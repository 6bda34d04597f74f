package io.shardgate.proxy.protocol;

/** Column definition flags (the ones derivable from JDBC metadata). */
public final class ColumnFlags {
    public static final int NOT_NULL = 1;
    public static final int BLOB = 1 << 4;
    public static final int UNSIGNED = 1 << 5;
    public static final int BINARY = 1 << 7;
    public static final int TIMESTAMP = 1 << 10;
    public static final int NUM = 1 << 15;

    private ColumnFlags() {
    }
}
