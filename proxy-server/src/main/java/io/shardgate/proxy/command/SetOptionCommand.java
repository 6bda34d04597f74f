package io.shardgate.proxy.command;

import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/**
 * COM_SET_OPTION: MYSQL_OPTION_MULTI_STATEMENTS_ON (0) or _OFF (1) for the rest of the connection, answered with
 * EOF as MySQL does. Connector/J switches them on around a rewritten batch when allowMultiQueries is off.
 */
final class SetOptionCommand implements Command {
    private static final int MULTI_STATEMENTS_ON = 0;
    private static final int MULTI_STATEMENTS_OFF = 1;

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        int option = request.int2();
        if (option != MULTI_STATEMENTS_ON && option != MULTI_STATEMENTS_OFF) {
            throw ProtocolException.malformed("unknown COM_SET_OPTION option " + option);
        }
        context.session().setMultiStatements(option == MULTI_STATEMENTS_ON);
        context.eof();
    }
}
