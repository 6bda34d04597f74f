package io.shardgate.proxy.command;

import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/**
 * COM_SET_OPTION: multi-statements on (0) or off (1). Accepted either way, as MySQL answers with EOF; the proxy
 * still runs one statement per COM_QUERY, and text holding several is refused by the planner by name.
 */
final class SetOptionCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        int option = request.int2();
        if (option != 0 && option != 1) {
            throw ProtocolException.malformed("unknown COM_SET_OPTION option " + option);
        }
        context.eof();
    }
}
