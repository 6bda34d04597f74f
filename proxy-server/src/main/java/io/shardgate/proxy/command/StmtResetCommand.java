package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.session.PreparedStatement;

import java.io.IOException;

/** COM_STMT_RESET: drops the long data collected for the statement's next execution. */
final class StmtResetCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        PreparedStatement statement = StatementHandles.find(request.int4(), "mysqld_stmt_reset", context);
        if (statement != null) {
            statement.clearLongData();
            context.ok();
        }
    }
}
