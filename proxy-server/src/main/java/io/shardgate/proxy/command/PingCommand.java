package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/**
 * COM_PING: pools call it to validate connections. It answers for the proxy only; checking every shard on every
 * borrow would multiply pool checks by the shard count, and a broken shard shows on the statements that need it.
 */
final class PingCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        context.ok();
    }
}
