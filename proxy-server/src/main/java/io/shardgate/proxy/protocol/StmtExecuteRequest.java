package io.shardgate.proxy.protocol;

import io.shardgate.proxy.codec.ProtocolException;

/**
 * The body of COM_STMT_EXECUTE after the statement id: cursor flags, iteration count, and for a statement with
 * parameters the NULL bitmap, the types (only when the client binds new ones; otherwise those of the previous
 * execution apply) and the values. Parameters whose data came by COM_STMT_SEND_LONG_DATA have no value here.
 *
 * @param cursorFlags 0, or a cursor type the client asks for
 * @param values      one per parameter; null for SQL NULL and for long-data parameters
 */
public record StmtExecuteRequest(int cursorFlags, Object[] values) {

    /**
     * Parses the rest of the packet. {@code types} and {@code unsigned} hold the types of the previous execution
     * and are updated in place when the client sends new ones.
     */
    public static StmtExecuteRequest parse(PayloadReader in, FieldType[] types, boolean[] unsigned,
                                           boolean[] longData) throws ProtocolException {
        int count = types.length;
        int flags = in.int1();
        in.int4(); // iteration count: always 1
        Object[] values = new Object[count];
        if (count == 0) {
            return new StmtExecuteRequest(flags, values);
        }
        byte[] nulls = in.bytes((count + 7) / 8);
        if (in.int1() == 1) {
            for (int i = 0; i < count; i++) {
                int code = in.int1();
                int typeFlags = in.int1();
                FieldType type = FieldType.ofCode(code);
                if (type == null) {
                    throw ProtocolException.malformed("unknown parameter type 0x" + Integer.toHexString(code));
                }
                types[i] = type;
                unsigned[i] = (typeFlags & 0x80) != 0;
            }
        }
        for (int i = 0; i < count; i++) {
            if ((nulls[i / 8] & (1 << (i % 8))) != 0 || longData[i]) {
                continue;
            }
            if (types[i] == null) {
                throw ProtocolException.malformed("parameter " + (i + 1) + " has a value but no type was bound");
            }
            values[i] = BinaryValues.read(types[i], unsigned[i], in);
        }
        return new StmtExecuteRequest(flags, values);
    }
}
