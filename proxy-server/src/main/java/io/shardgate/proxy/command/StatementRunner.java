package io.shardgate.proxy.command;

import io.shardgate.engine.StatementResult;
import io.shardgate.execute.ParameterValue;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.session.ClientSession;
import io.shardgate.proxy.session.LocalStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs one statement for COM_QUERY (each statement of a multi-statement query) and COM_STMT_EXECUTE: session
 * statements the proxy answers itself, everything else through the client's engine session (plan, route, execute on
 * the shards, merge).
 */
final class StatementRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);

    private StatementRunner() {
    }

    /**
     * @param moreResults another statement of the same multi-statement query follows this one
     * @return false when the statement failed and its answer was an ERR packet
     */
    static boolean run(String sql, List<ParameterValue> params, boolean binary, boolean moreResults,
                       CommandContext context) throws IOException {
        ClientSession session = context.session();
        StatementResult outcome;
        try {
            Optional<StatementResult> local = params.isEmpty() ? LocalStatements.tryRun(sql, session)
                    : Optional.empty();
            outcome = local.isPresent() ? local.get() : session.engine().execute(sql, params,
                    InsertKeys.optionsFor(sql, params, session.context().engine()));
        } catch (SQLException e) {
            context.error(e, sql);
            return false;
        } catch (RuntimeException e) {
            // a defect, not the client's fault: report it on this statement and keep the connection
            LOG.error("connection {}: internal error running {}", session.connectionId(), sql, e);
            context.error(new ErrPacket(1105, "HY000", "Shardgate internal error: " + e));
            return false;
        }
        return context.send(outcome, binary, moreResults);
    }
}
