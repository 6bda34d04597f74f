package io.shardgate.proxy.session;

import io.shardgate.proxy.protocol.FieldType;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One server-side prepared statement of a client: its text, its parameter count, the parameter types the client
 * last bound (a client may bind types once and send only values afterwards) and long data sent in pieces.
 */
public final class PreparedStatement {
    private final int id;
    private final String sql;
    private final FieldType[] types;
    private final boolean[] unsigned;
    private final ByteArrayOutputStream[] longData;

    PreparedStatement(int id, String sql, int parameterCount) {
        this.id = id;
        this.sql = sql;
        this.types = new FieldType[parameterCount];
        this.unsigned = new boolean[parameterCount];
        this.longData = new ByteArrayOutputStream[parameterCount];
    }

    public int id() {
        return id;
    }

    public String sql() {
        return sql;
    }

    public int parameterCount() {
        return types.length;
    }

    /** The bound types, updated in place by the execute request parser. */
    public FieldType[] types() {
        return types;
    }

    public boolean[] unsigned() {
        return unsigned;
    }

    /** Appends a piece of a parameter's value (COM_STMT_SEND_LONG_DATA); false if the index is out of range. */
    public boolean appendLongData(int parameter, byte[] data, int maxBytes) {
        if (parameter < 0 || parameter >= longData.length) {
            return false;
        }
        if (longData[parameter] == null) {
            longData[parameter] = new ByteArrayOutputStream();
        }
        if ((long) longData[parameter].size() + data.length > maxBytes) {
            throw new IllegalStateException("long data for parameter " + (parameter + 1) + " exceeds "
                    + maxBytes + " bytes (max_allowed_packet)");
        }
        longData[parameter].writeBytes(data);
        return true;
    }

    /** Which parameters have long data for the next execution. */
    public boolean[] longDataPresent() {
        boolean[] present = new boolean[longData.length];
        for (int i = 0; i < present.length; i++) {
            present[i] = longData[i] != null;
        }
        return present;
    }

    /** The long data of a parameter, or null. */
    public byte[] longData(int parameter) {
        return longData[parameter] == null ? null : longData[parameter].toByteArray();
    }

    /** Forgets long data: after each execution, and on COM_STMT_RESET. */
    public void clearLongData() {
        Arrays.fill(longData, null);
    }
}
