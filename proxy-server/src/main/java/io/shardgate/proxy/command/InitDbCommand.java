package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.session.SessionErrors;

import java.io.IOException;

/** COM_INIT_DB (what {@code USE} and JDBC's setCatalog send): only the proxy's logical schema exists. */
final class InitDbCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        String schema = request.restString();
        if (!context.session().context().isSchema(schema)) {
            context.error(SessionErrors.unknownDatabase(schema));
            return;
        }
        context.session().useSchema(schema);
        context.ok();
    }
}
