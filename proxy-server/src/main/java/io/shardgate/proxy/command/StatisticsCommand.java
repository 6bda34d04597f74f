package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/** COM_STATISTICS (the mysql CLI's {@code status}): a human-readable line, sent as a bare string packet. */
final class StatisticsCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String text = "Uptime: " + uptimeSeconds + "  Threads: " + Thread.activeCount() + "  Server: Shardgate proxy";
        context.channel().write(text.getBytes(StandardCharsets.UTF_8));
        context.channel().flush();
    }
}
