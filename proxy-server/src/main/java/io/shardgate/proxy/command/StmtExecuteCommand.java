package io.shardgate.proxy.command;

import io.shardgate.execute.ParameterValue;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.StmtExecuteRequest;
import io.shardgate.proxy.session.PreparedStatement;
import io.shardgate.proxy.session.SessionErrors;

import java.io.IOException;
import java.util.List;

/** COM_STMT_EXECUTE: binds the values, runs the statement, and returns rows in the binary protocol. */
final class StmtExecuteCommand implements Command {
    /** READ_ONLY, FOR_UPDATE, SCROLLABLE; the 0x08 bit only says a parameter count follows. */
    private static final int CURSOR_TYPES = 0x07;

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        PreparedStatement statement = StatementHandles.find(request.int4(), "mysqld_stmt_execute", context);
        if (statement == null) {
            return;
        }
        StmtExecuteRequest execute = StmtExecuteRequest.parse(request, statement.types(), statement.unsigned(),
                statement.longDataPresent());
        if ((execute.cursorFlags() & CURSOR_TYPES) != 0) {
            statement.clearLongData();
            context.error(SessionErrors.notSupported("server-side cursors",
                    "rows are streamed to the client instead; turn off useCursorFetch"));
            return;
        }
        List<ParameterValue> params = Parameters.toEngine(execute.values(), statement);
        statement.clearLongData();
        StatementRunner.run(statement.sql(), params, true, false, context);
    }
}
