package io.shardgate.proxy.protocol;

/**
 * More data from the server within an authentication plugin's dialogue: caching_sha2_password's fast-path result
 * (a single status byte) or the server's RSA public key.
 */
public record AuthMoreData(byte[] data) {

    public AuthMoreData {
        data = data.clone();
    }

    public static AuthMoreData status(int status) {
        return new AuthMoreData(new byte[] {(byte) status});
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        return new PayloadWriter(data.length + 1).int1(0x01).bytes(data).toByteArray();
    }
}
