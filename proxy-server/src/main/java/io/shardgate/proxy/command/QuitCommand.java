package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

/** COM_QUIT: the client is leaving; MySQL sends nothing back. */
final class QuitCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) {
        context.requestQuit();
    }
}
