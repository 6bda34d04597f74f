package io.shardgate.config;

/** A database server the engine connects to: a shard's primary or one of its replicas. */
public record EndpointConfig(String name, String url, String user, String password, int weight) {
    @Override
    public String toString() {
        // never print the password
        return name + "(" + url + ")";
    }
}
