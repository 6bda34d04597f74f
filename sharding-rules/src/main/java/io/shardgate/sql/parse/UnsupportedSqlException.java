package io.shardgate.sql.parse;

/**
 * A statement Shardgate refuses because it cannot route or merge it correctly. The message names the construct
 * and says what to do instead; the proxy maps it to MySQL error 1235 (ER_NOT_SUPPORTED_YET), SQLSTATE 42000.
 */
public class UnsupportedSqlException extends RuntimeException {
    private final String construct;

    public UnsupportedSqlException(String construct, String reason) {
        super("Shardgate does not support " + construct + ": " + reason);
        this.construct = construct;
    }

    public String construct() {
        return construct;
    }
}
