package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/**
 * COM_SET_OPTION: MYSQL_OPTION_MULTI_STATEMENTS_ON (0) or _OFF (1) for the rest of the connection, answered with
 * EOF as MySQL does; another option is refused with ER_UNKNOWN_COM_ERROR, as MySQL does too, and the connection
 * stays usable. Connector/J switches multi-statements on around a rewritten batch when allowMultiQueries is off.
 */
final class SetOptionCommand implements Command {
    private static final int MULTI_STATEMENTS_ON = 0;
    private static final int MULTI_STATEMENTS_OFF = 1;

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        int option = request.int2();
        if (option != MULTI_STATEMENTS_ON && option != MULTI_STATEMENTS_OFF) {
            context.error(new ErrPacket(CommandDispatcher.UNKNOWN_COMMAND, "08S01", "Unknown COM_SET_OPTION option "
                    + option + ": 0 turns multi-statements on, 1 turns them off"));
            return;
        }
        context.session().setMultiStatements(option == MULTI_STATEMENTS_ON);
        context.eof();
    }
}
