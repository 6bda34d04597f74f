package io.shardgate.proxy.passthrough;

import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.session.PreparedStatement;

import java.io.ByteArrayOutputStream;

/**
 * A client's COM_STMT_EXECUTE retold for a statement prepared on a backend connection: everything after the
 * statement id, with the parameter types always bound. A client binds types once and then sends values only,
 * but the backend statement may be new to them (another connection served the earlier executions). The values
 * themselves are copied as the client encoded them.
 */
final class ExecuteBody {

    private ExecuteBody() {
    }

    /** {@code command} is the whole client packet; {@code statement} holds the types now bound. */
    static byte[] withTypes(byte[] command, PreparedStatement statement) {
        int count = statement.parameterCount();
        ByteArrayOutputStream out = new ByteArrayOutputStream(command.length + 2 * count);
        out.write(0); // no cursor
        out.writeBytes(new byte[]{1, 0, 0, 0}); // iteration count
        if (count == 0) {
            return out.toByteArray();
        }
        int nulls = 10; // command, statement id, flags, iteration count
        int bitmap = (count + 7) / 8;
        out.write(command, nulls, bitmap);
        int bound = nulls + bitmap;
        int values = bound + 1 + (command[bound] == 1 ? 2 * count : 0);
        out.write(1);
        FieldType[] types = statement.types();
        boolean[] unsigned = statement.unsigned();
        for (int i = 0; i < count; i++) {
            // a NULL parameter may never have had a type bound: MYSQL_TYPE_NULL says what it is
            out.write(types[i] == null ? FieldType.NULL.code() : types[i].code());
            out.write(unsigned[i] ? 0x80 : 0);
        }
        out.write(command, values, command.length - values);
        return out.toByteArray();
    }
}
