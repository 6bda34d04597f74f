package io.shardgate.proxy.command;

import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.session.PreparedStatement;

import java.io.IOException;

/**
 * COM_STMT_SEND_LONG_DATA: a piece of a parameter's value (streams and large strings). MySQL never answers this
 * command, so a bad statement id or parameter index is silently ignored, as the server does until the execute.
 */
final class StmtSendLongDataCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        PreparedStatement statement = context.session().statements().get(request.int4());
        int parameter = request.int2();
        byte[] data = request.rest();
        if (statement == null) {
            return;
        }
        try {
            statement.appendLongData(parameter, data, context.session().context().maxPacket());
        } catch (IllegalStateException e) {
            throw new ProtocolException(ProtocolException.PACKET_TOO_LARGE, "08S01", e.getMessage());
        }
    }
}
