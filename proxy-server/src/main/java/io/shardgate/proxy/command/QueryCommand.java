package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;
import java.util.List;

/** COM_QUERY: the rest of the packet is the statement ({@link QueryText}); results use the text protocol. */
final class QueryCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        String sql = QueryText.decode(request.rest(), !context.session().context().noBackslashEscapes());
        StatementRunner.run(sql, List.of(), false, context);
    }
}
