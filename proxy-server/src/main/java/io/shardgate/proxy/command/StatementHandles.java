package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.session.PreparedStatement;

import java.io.IOException;

/** Looks up a client's prepared statement by id, answering ER_UNKNOWN_STMT_HANDLER when it has no such id. */
final class StatementHandles {
    /** ER_UNKNOWN_STMT_HANDLER. */
    static final int UNKNOWN_STATEMENT = 1243;

    private StatementHandles() {
    }

    /** The statement, or null after the error was sent. */
    static PreparedStatement find(int id, String command, CommandContext context) throws IOException {
        PreparedStatement statement = context.session().statements().get(id);
        if (statement == null) {
            context.error(new ErrPacket(UNKNOWN_STATEMENT, "HY000", "Unknown prepared statement handler ("
                    + Integer.toUnsignedString(id) + ") given to " + command));
        }
        return statement;
    }
}
