package io.shardgate.proxy.command;

import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.PayloadReader;

import java.io.IOException;

/** Routes each command packet by its first byte to its executor. */
public final class CommandDispatcher {
    /** ER_UNKNOWN_COM_ERROR. */
    static final int UNKNOWN_COMMAND = 1047;

    private final Command[] commands = new Command[256];

    public CommandDispatcher() {
        commands[0x01] = new QuitCommand();
        commands[0x02] = new InitDbCommand();
        commands[0x03] = new QueryCommand();
        commands[0x04] = new FieldListCommand();
        commands[0x09] = new StatisticsCommand();
        commands[0x0e] = new PingCommand();
        commands[0x16] = new StmtPrepareCommand();
        commands[0x17] = new StmtExecuteCommand();
        commands[0x18] = new StmtSendLongDataCommand();
        commands[0x19] = new StmtCloseCommand();
        commands[0x1a] = new StmtResetCommand();
        commands[0x1b] = new SetOptionCommand();
        commands[0x1f] = new ResetConnectionCommand();
    }

    /** Runs one command packet; unknown commands are answered with an error and the connection stays usable. */
    public void dispatch(byte[] packet, CommandContext context) throws IOException {
        if (packet.length == 0) {
            throw ProtocolException.malformed("empty command packet");
        }
        PayloadReader request = new PayloadReader(packet);
        int code = request.int1();
        Command command = commands[code];
        if (command == null) {
            context.error(new ErrPacket(UNKNOWN_COMMAND, "08S01", "Unknown command 0x" + Integer.toHexString(code)));
            return;
        }
        command.execute(request, context);
    }
}
