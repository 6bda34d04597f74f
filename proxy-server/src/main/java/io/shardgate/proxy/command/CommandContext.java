package io.shardgate.proxy.command;

import io.shardgate.engine.QueryResult;
import io.shardgate.engine.StatementResult;
import io.shardgate.engine.UpdateCount;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.ServerStatus;
import io.shardgate.proxy.result.ErrorMapper;
import io.shardgate.proxy.result.ResultSetWriter;
import io.shardgate.proxy.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;

/** What a command works with: the client's session and the ways to answer it. */
public final class CommandContext {
    private static final Logger LOG = LoggerFactory.getLogger(CommandContext.class);

    private final ClientSession session;
    private final PacketChannel channel;
    private final ResultSetWriter results;
    private boolean quit;

    public CommandContext(ClientSession session, PacketChannel channel) {
        this.session = session;
        this.channel = channel;
        this.results = new ResultSetWriter(channel);
    }

    ClientSession session() {
        return session;
    }

    PacketChannel channel() {
        return channel;
    }

    /** True once the client said COM_QUIT. */
    public boolean quit() {
        return quit;
    }

    void requestQuit() {
        quit = true;
    }

    void ok() throws IOException {
        send(OkPacket.of(session.status()).encode());
    }

    void eof() throws IOException {
        send(new EofPacket(0, session.status()).encode());
    }

    void error(ErrPacket error) throws IOException {
        send(error.encode());
    }

    void error(SQLException e) throws IOException {
        LOG.debug("connection {}: {}", session.connectionId(), e.toString());
        error(ErrorMapper.toErr(e));
    }

    /** A statement's failure; the text lets an unclassifiable statement be reported as the syntax error it is. */
    void error(SQLException e, String sql) throws IOException {
        LOG.debug("connection {}: {}", session.connectionId(), e.toString());
        error(ErrorMapper.toErr(e, sql));
    }

    /**
     * Sends a statement's outcome: OK with the count, or the rows (closed afterwards).
     *
     * @param moreResults another statement of the same query follows: its final OK or EOF says so
     * @return false when the rows ended with an error instead (a shard failed mid-stream)
     */
    boolean send(StatementResult outcome, boolean binary, boolean moreResults) throws IOException {
        int status = session.status() | (moreResults ? ServerStatus.MORE_RESULTS_EXISTS : 0);
        if (outcome instanceof UpdateCount count) {
            long lastInsertId = InsertKeys.firstKey(count.generatedKeys());
            if (lastInsertId != 0) {
                session.setLastInsertId(lastInsertId);
            }
            send(new OkPacket(count.count(), lastInsertId, status, 0, "").encode());
            return true;
        }
        try (QueryResult rows = (QueryResult) outcome) {
            return results.write(rows, session.schema(), binary, status);
        } catch (SQLException e) {
            // the client has its complete answer; only giving back the shard connections failed
            LOG.warn("connection {}: closing a result failed: {}", session.connectionId(), e.toString());
            return true;
        }
    }

    private void send(byte[] payload) throws IOException {
        channel.write(payload);
        channel.flush();
    }
}
