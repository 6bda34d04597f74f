package io.shardgate.proxy.protocol;

/**
 * Asks the client to authenticate again with another plugin, e.g. a MySQL 8 client that answered the handshake with
 * caching_sha2_password. {@code data} is the plugin's challenge (for mysql_native_password the scramble).
 */
public record AuthSwitchRequest(String plugin, byte[] data) {

    public AuthSwitchRequest {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The challenge is NUL-terminated, as the MySQL server sends it. */
    public byte[] encode() {
        return new PayloadWriter(64).int1(0xFE).nulString(plugin).bytes(data).int1(0).toByteArray();
    }
}
