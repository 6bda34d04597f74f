package io.shardgate.sql.parse;

/** SQL the engine could not parse. Carries the offset of the problem in the original text when known. */
public class SqlSyntaxException extends RuntimeException {
    private final int offset;

    public SqlSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
