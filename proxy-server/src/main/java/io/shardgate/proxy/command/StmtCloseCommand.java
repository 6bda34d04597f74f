package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/** COM_STMT_CLOSE: forgets the statement; MySQL sends no response. */
final class StmtCloseCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        context.session().statements().remove(request.int4());
    }
}
