package io.shardgate.proxy.protocol;

/** Server status flags carried by OK and EOF packets. */
public final class ServerStatus {
    public static final int IN_TRANSACTION = 1;
    public static final int AUTOCOMMIT = 1 << 1;
    /** Another result of the same multi-statement query follows this one. */
    public static final int MORE_RESULTS_EXISTS = 1 << 3;
    /** Backslash is an ordinary character in string literals; clients then escape quotes only by doubling. */
    public static final int NO_BACKSLASH_ESCAPES = 1 << 9;

    private ServerStatus() {
    }

    public static int of(boolean autoCommit, boolean inTransaction, boolean noBackslashEscapes) {
        return (autoCommit ? AUTOCOMMIT : 0) | (inTransaction ? IN_TRANSACTION : 0)
                | (noBackslashEscapes ? NO_BACKSLASH_ESCAPES : 0);
    }
}
