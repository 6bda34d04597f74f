package io.shardgate.proxy.passthrough;

import io.shardgate.config.DataSourceConfig;
import io.shardgate.config.EndpointConfig;
import io.shardgate.engine.DirectRead;
import io.shardgate.execute.ParameterValue;
import io.shardgate.proxy.backend.BackendAddress;
import io.shardgate.proxy.command.Parameters;
import io.shardgate.proxy.command.QueryText;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.StmtExecuteRequest;
import io.shardgate.proxy.server.EventLoop;
import io.shardgate.proxy.session.ClientSession;
import io.shardgate.proxy.session.PreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy's fast path for the commands that dominate OLTP reads: a COM_QUERY or COM_STMT_EXECUTE that the engine
 * routes to one shard as a plain read ({@link io.shardgate.engine.EngineSession#directRead}) is sent to that
 * server over a pass-through connection and its answer copied to the client without being decoded into values and
 * encoded again. The engine still decides everything (routing, the physical statement, replica or primary); only
 * the transport differs. Everything else, and any read the pass-through cannot take at that moment (no idle
 * connection, a server it cannot log in to, a broken connection before the answer began), runs through the
 * engine as before. One per event loop; loop thread only.
 */
public final class PassThrough {
    private static final Logger LOG = LoggerFactory.getLogger(PassThrough.class);
    /** Larger statements are rare on this path and would not fit an idle socket's buffer in one write. */
    static final int MAX_COMMAND = 64 * 1024;
    private static final int COM_QUERY = 0x03;
    private static final int COM_STMT_EXECUTE = 0x17;
    /** READ_ONLY, FOR_UPDATE, SCROLLABLE: cursors are the engine's to refuse. */
    private static final int CURSOR_TYPES = 0x07;

    private final BackendPool pool;
    private final Map<EndpointConfig, Optional<BackendAddress>> addresses = new HashMap<>();
    private final AtomicLong relayed;

    public PassThrough(EventLoop loop, Executor connector, Duration connectTimeout, AtomicLong relayed) {
        this.pool = new BackendPool(loop, connector, connectTimeout);
        this.relayed = relayed;
    }

    /** Whether the command is of a kind the pass-through may take (a query or a prepared statement's execution). */
    public static boolean mayTake(byte[] command) {
        return command.length > 0 && command.length <= MAX_COMMAND
                && (command[0] == COM_QUERY || command[0] == COM_STMT_EXECUTE);
    }

    /**
     * Starts answering {@code command} by pass-through; false when it is not for the pass-through now, and the
     * engine must run it. Statements that do not plan are left to the engine, which reports them.
     */
    public boolean tryStart(byte[] command, ClientSession session, ClientSide client) {
        if (!mayTake(command)) {
            return false;
        }
        try {
            return switch (command[0]) {
                case COM_QUERY -> tryQuery(command, session, client);
                case COM_STMT_EXECUTE -> tryExecute(command, session, client);
                default -> false;
            };
        } catch (Exception e) {
            LOG.debug("connection {}: not passed through: {}", session.connectionId(), e.toString());
            return false;
        }
    }

    private boolean tryQuery(byte[] command, ClientSession session, ClientSide client) throws Exception {
        String sql = QueryText.decode(Arrays.copyOfRange(command, 1, command.length),
                !session.context().noBackslashEscapes());
        if (sql.indexOf(';') >= 0) {
            return false; // possibly several statements: the engine splits them
        }
        Optional<DirectRead> read = session.engine().directRead(sql, List.of());
        if (read.isEmpty()) {
            return false;
        }
        BackendConnection backend = backendFor(read.get(), session);
        if (backend == null) {
            return false;
        }
        try {
            ResultRelay.query(command, client, backend, session.schema(), session.status(), read.get().unit().sql());
        } catch (IOException e) {
            backend.close();
            return false;
        }
        relayed.incrementAndGet();
        return true;
    }

    private boolean tryExecute(byte[] command, ClientSession session, ClientSide client) throws Exception {
        PayloadReader request = new PayloadReader(command);
        request.int1();
        PreparedStatement statement = session.statements().get(request.int4());
        if (statement == null) {
            return false;
        }
        boolean[] longData = statement.longDataPresent();
        for (boolean present : longData) {
            if (present) {
                return false;
            }
        }
        StmtExecuteRequest execute = StmtExecuteRequest.parse(request, statement.types(), statement.unsigned(),
                longData);
        if ((execute.cursorFlags() & CURSOR_TYPES) != 0) {
            return false;
        }
        List<ParameterValue> params = Parameters.toEngine(execute.values(), statement);
        Optional<DirectRead> read = session.engine().directRead(statement.sql(), params);
        if (read.isEmpty() || !sameParameters(read.get().unit().paramIndexes(), statement.parameterCount())) {
            return false;
        }
        BackendConnection backend = backendFor(read.get(), session);
        if (backend == null) {
            return false;
        }
        try {
            ResultRelay.execute(command, client, backend, session.schema(), session.status(),
                    read.get().unit().sql(), ExecuteBody.withTypes(command, statement), statement.parameterCount());
        } catch (IOException e) {
            backend.close();
            return false;
        }
        relayed.incrementAndGet();
        return true;
    }

    /** The physical statement takes the client's parameters as they are, in order. */
    private static boolean sameParameters(int[] indexes, int count) {
        if (indexes.length != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (indexes[i] != i) {
                return false;
            }
        }
        return true;
    }

    private BackendConnection backendFor(DirectRead read, ClientSession session) {
        Optional<BackendAddress> address = addresses.computeIfAbsent(read.endpoint(), BackendAddress::of);
        if (address.isEmpty()) {
            return null;
        }
        DataSourceConfig ds = session.context().engine().config().dataSources().get(read.dataSource());
        return pool.acquire(address.get(), ds == null ? 1 : ds.pool().maxSize());
    }

    /** Closes the idle pass-through connections. */
    public void close() {
        pool.close();
    }
}
