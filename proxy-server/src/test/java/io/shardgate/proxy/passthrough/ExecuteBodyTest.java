package io.shardgate.proxy.passthrough;

import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;
import io.shardgate.proxy.protocol.StmtExecuteRequest;
import io.shardgate.proxy.session.PreparedStatement;
import io.shardgate.proxy.session.PreparedStatements;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's execute retold for a backend statement: types always bound, the values exactly as the client sent. */
class ExecuteBodyTest {

    /** COM_STMT_EXECUTE of statement 7 with a BIGINT 42, a NULL and a string, types bound or not. */
    private static byte[] clientExecute(boolean bindTypes) {
        PayloadWriter w = new PayloadWriter().int1(0x17).int4(7).int1(0).int4(1).int1(0b010).int1(bindTypes ? 1 : 0);
        if (bindTypes) {
            w.int1(FieldType.LONGLONG.code()).int1(0x80).int1(FieldType.NULL.code()).int1(0)
                    .int1(FieldType.VAR_STRING.code()).int1(0);
        }
        return w.int8(42).lenencString("ü").toByteArray();
    }

    private static PreparedStatement statement() throws SQLException {
        return new PreparedStatements(8).add("SELECT * FROM t WHERE a = ? AND b <=> ? AND c = ?", 3);
    }

    /** Parses the retold body as a server would: it must carry the types and the same values. */
    private static Object[] values(byte[] body) throws Exception {
        PayloadReader in = new PayloadReader(body);
        FieldType[] types = new FieldType[3];
        boolean[] unsigned = new boolean[3];
        StmtExecuteRequest request = StmtExecuteRequest.parse(in, types, unsigned, new boolean[3]);
        assertThat(types).containsExactly(FieldType.LONGLONG, FieldType.NULL, FieldType.VAR_STRING);
        assertThat(unsigned).containsExactly(true, false, false);
        return request.values();
    }

    @Test
    void typesBoundByTheClientNowAreKept() throws Exception {
        PreparedStatement statement = statement();
        byte[] command = clientExecute(true);
        StmtExecuteRequest.parse(new PayloadReader(java.util.Arrays.copyOfRange(command, 5, command.length)),
                statement.types(), statement.unsigned(), statement.longDataPresent());
        assertThat(values(ExecuteBody.withTypes(command, statement))).containsExactly(42L, null, "ü");
    }

    @Test
    void typesBoundByAnEarlierExecutionAreAddedForTheBackend() throws Exception {
        PreparedStatement statement = statement();
        byte[] first = clientExecute(true);
        StmtExecuteRequest.parse(new PayloadReader(java.util.Arrays.copyOfRange(first, 5, first.length)),
                statement.types(), statement.unsigned(), statement.longDataPresent());
        byte[] later = clientExecute(false);
        assertThat(values(ExecuteBody.withTypes(later, statement))).containsExactly(42L, null, "ü");
    }
}
