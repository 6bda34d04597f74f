package io.shardgate.proxy.session;

import java.sql.SQLException;

/**
 * The MySQL errors the proxy raises itself while answering session statements. They are SQLExceptions carrying
 * the MySQL code and SQLSTATE, so they travel the same road as backend errors to the client's ERR packet.
 */
public final class SessionErrors {
    /** ER_NOT_SUPPORTED_YET: every Shardgate refusal. */
    public static final int NOT_SUPPORTED = 1235;
    /** ER_UNKNOWN_SYSTEM_VARIABLE. */
    public static final int UNKNOWN_VARIABLE = 1193;
    /** ER_WRONG_VALUE_FOR_VAR. */
    public static final int WRONG_VALUE = 1231;
    /** ER_BAD_DB_ERROR. */
    public static final int UNKNOWN_DATABASE = 1049;

    private SessionErrors() {
    }

    public static SQLException notSupported(String construct, String why) {
        return new SQLException("Shardgate does not support " + construct + ": " + why, "42000", NOT_SUPPORTED);
    }

    public static SQLException unknownVariable(String name) {
        return new SQLException("Unknown system variable '" + name + "'", "HY000", UNKNOWN_VARIABLE);
    }

    public static SQLException wrongValue(String name, String value) {
        return new SQLException("Variable '" + name + "' can't be set to the value of '" + value + "'", "42000",
                WRONG_VALUE);
    }

    public static SQLException unknownDatabase(String name) {
        return new SQLException("Unknown database '" + name + "'", "42000", UNKNOWN_DATABASE);
    }
}
