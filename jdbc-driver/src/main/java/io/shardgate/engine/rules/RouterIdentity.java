package io.shardgate.engine.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * How a router appears in {@code sg_router}: a unique id (two engines in one process are two routers), its kind
 * ({@code driver}, {@code proxy}, {@code engine}), host and process id, so an operator can find a router that does
 * not answer.
 */
public record RouterIdentity(String id, String kind, String host, long pid) {

    public static RouterIdentity of(String kind) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        long pid = ProcessHandle.current().pid();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = kind + "@" + host + ":" + pid + ":" + suffix;
        return new RouterIdentity(id.length() <= 128 ? id : id.substring(id.length() - 128), kind, host, pid);
    }
}
