package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;
import java.sql.SQLException;

/** COM_RESET_CONNECTION (pools returning a connection): as fresh as a new connection, without re-authenticating. */
final class ResetConnectionCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        try {
            context.session().reset();
        } catch (SQLException e) {
            context.error(e);
            return;
        }
        context.ok();
    }
}
