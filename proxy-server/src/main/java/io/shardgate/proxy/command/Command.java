package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/** One command of the command phase. Each answers through the context, or not at all where MySQL does not. */
interface Command {

    /**
     * @param request the command packet after its first byte (the command code)
     * @throws io.shardgate.proxy.codec.ProtocolException for a malformed request; the connection then ends
     */
    void execute(PayloadReader request, CommandContext context) throws IOException;
}
