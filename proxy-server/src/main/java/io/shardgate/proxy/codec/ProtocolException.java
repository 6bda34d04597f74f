package io.shardgate.proxy.codec;

import java.io.IOException;

/**
 * The client broke the wire protocol: a malformed, truncated, oversized or out-of-order packet. The connection
 * cannot be trusted to be in step any more, so it ends after the client is sent this error; other connections are
 * not affected. Carries the MySQL error the client is told.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** ER_MALFORMED_PACKET. */
    public static final int MALFORMED_PACKET = 1835;
    /** ER_NET_PACKET_TOO_LARGE. */
    public static final int PACKET_TOO_LARGE = 1153;
    /** ER_NET_PACKETS_OUT_OF_ORDER. */
    public static final int PACKETS_OUT_OF_ORDER = 1156;

    private final int errorCode;
    private final String sqlState;

    public ProtocolException(int errorCode, String sqlState, String message) {
        super(message);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public static ProtocolException malformed(String what) {
        return new ProtocolException(MALFORMED_PACKET, "HY000", "Malformed communication packet: " + what);
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
