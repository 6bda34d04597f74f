package io.shardgate.algorithm;

/** A key value that no shard owns, or that the algorithm cannot interpret. The message names the value. */
public class ShardingException extends RuntimeException {
    public ShardingException(String message) {
        super(message);
    }
}
