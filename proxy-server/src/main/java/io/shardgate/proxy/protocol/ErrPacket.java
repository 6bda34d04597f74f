package io.shardgate.proxy.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A failed command: the MySQL error code, the SQLSTATE after its {@code #} marker, and the message. Messages are cut
 * at {@link #MAX_MESSAGE_BYTES}, as MySQL's own are, so a huge backend message cannot produce a huge packet.
 */
public record ErrPacket(int code, String sqlState, String message) {
    static final int MAX_MESSAGE_BYTES = 8192;

    public ErrPacket {
        if (code < 1 || code > 0xFFFF) {
            throw new IllegalArgumentException("MySQL error codes are 1..65535: " + code);
        }
        if (sqlState == null || sqlState.length() != 5) {
            sqlState = "HY000";
        }
        message = message == null ? "" : message;
    }

    public byte[] encode() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_MESSAGE_BYTES);
        return new PayloadWriter(16 + length).int1(0xFF).int2(code).int1('#')
                .bytes(sqlState.getBytes(StandardCharsets.US_ASCII)).bytes(text, 0, length).toByteArray();
    }
}
