package io.shardgate.proxy.protocol;

/** Collation ids of column definitions and the handshake. */
public final class Collations {
    /**
     * utf8mb4_general_ci. Chosen over MySQL 8's 255 (utf8mb4_0900_ai_ci) because MariaDB clients know 45 and not
     * 255, while every client maps 45 to UTF-8.
     */
    public static final int UTF8MB4_GENERAL_CI = 45;
    /** The binary pseudo-charset: numbers, dates and byte strings. Clients read a string column as bytes with it. */
    public static final int BINARY = 63;

    private Collations() {
    }
}
