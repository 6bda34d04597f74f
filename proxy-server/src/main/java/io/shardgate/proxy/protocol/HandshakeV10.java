package io.shardgate.proxy.protocol;

import java.util.Arrays;

/**
 * The server's greeting: protocol version 10, the server version, this connection's id, the authentication
 * scramble (20 bytes, sent in two parts for historical reasons), capabilities, default collation and status.
 */
public record HandshakeV10(String serverVersion, int connectionId, byte[] scramble, int capabilities, int collation,
                           int status, String authPlugin) {

    public HandshakeV10 {
        if (scramble.length != 20) {
            throw new IllegalArgumentException("the scramble has 20 bytes, not " + scramble.length);
        }
        scramble = scramble.clone();
    }

    @Override
    public byte[] scramble() {
        return scramble.clone();
    }

    public byte[] encode() {
        return new PayloadWriter(128)
                .int1(10)
                .nulString(serverVersion)
                .int4(connectionId)
                .bytes(scramble, 0, 8)
                .int1(0)
                .int2(capabilities & 0xFFFF)
                .int1(collation)
                .int2(status)
                .int2(capabilities >>> 16)
                .int1(scramble.length + 1)
                .zeros(10)
                .bytes(scramble, 8, 12)
                .int1(0)
                .nulString(authPlugin)
                .toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeV10 h && serverVersion.equals(h.serverVersion) && connectionId == h.connectionId
                && Arrays.equals(scramble, h.scramble) && capabilities == h.capabilities && collation == h.collation
                && status == h.status && authPlugin.equals(h.authPlugin);
    }

    @Override
    public int hashCode() {
        return 31 * connectionId + Arrays.hashCode(scramble);
    }

    @Override
    public String toString() {
        return "HandshakeV10[" + serverVersion + ", connection " + connectionId + ", " + authPlugin + "]";
    }
}
