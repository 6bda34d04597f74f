package io.shardgate.proxy.backend;

import java.io.IOException;

/** The shard answered the handshake with an ERR packet: wrong credentials, unknown database, too many connections. */
public class BackendRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final String sqlState;

    public BackendRefusedException(BackendAddress address, int errorCode, String sqlState, String serverMessage) {
        super("backend " + address + " refused the connection: " + serverMessage
                + " (error " + errorCode + ", SQLSTATE " + sqlState + ")");
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
