package io.shardgate.execute;

/**
 * Whether, and how, a write asks its shard for the keys the database generated (AUTO_INCREMENT, serial): the three
 * JDBC forms, {@code RETURN_GENERATED_KEYS}, column indexes and column names, passed on as given.
 */
public record GeneratedKeyRequest(boolean requested, int[] columnIndexes, String[] columnNames) {
    public static final GeneratedKeyRequest NONE = new GeneratedKeyRequest(false, null, null);
    public static final GeneratedKeyRequest ALL = new GeneratedKeyRequest(true, null, null);

    public static GeneratedKeyRequest columns(int[] columnIndexes) {
        return new GeneratedKeyRequest(true, columnIndexes.clone(), null);
    }

    public static GeneratedKeyRequest columns(String[] columnNames) {
        return new GeneratedKeyRequest(true, null, columnNames.clone());
    }
}
