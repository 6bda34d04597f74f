package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.result.ErrorMapper;
import io.shardgate.proxy.session.ClientSession;

import java.io.IOException;
import java.util.List;

/**
 * COM_QUERY: the rest of the packet is the query ({@link QueryText}); results use the text protocol. A query may
 * hold several statements when the client enabled multi-statements; they run in order as if sent one by one, each
 * result but the last flagged MORE_RESULTS_EXISTS, and the first error ends the query (later statements do not
 * run). Without multi-statements such a query is a syntax error, as on MySQL.
 */
final class QueryCommand implements Command {
    /** MySQL quotes this much of the text after the point where it stopped parsing. */
    private static final int NEAR_TEXT_LENGTH = 80;

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        ClientSession session = context.session();
        boolean backslashEscapes = !session.context().noBackslashEscapes();
        String sql = QueryText.decode(request.rest(), backslashEscapes);
        if (sql.indexOf(';') < 0) {
            StatementRunner.run(sql, List.of(), false, false, context); // one statement, the common case
            return;
        }
        StatementSplitter statements = new StatementSplitter(sql, backslashEscapes);
        String statement = statements.next();
        if (statement == null) {
            // no statement, only comments and semicolons: the engine answers as for any empty query
            StatementRunner.run(sql, List.of(), false, false, context);
            return;
        }
        if (statements.hasNext() && !session.multiStatements()) {
            context.error(multiStatementsOff(sql, statements.nextOffset()));
            return;
        }
        while (statement != null) {
            boolean more = statements.hasNext();
            if (!StatementRunner.run(statement, List.of(), false, more, context)) {
                return;
            }
            statement = statements.next();
        }
    }

    /** MySQL's answer to a second statement it was not told to expect, and what to do about it. */
    private static ErrPacket multiStatementsOff(String sql, int secondStatement) {
        String near = sql.substring(secondStatement, Math.min(sql.length(), secondStatement + NEAR_TEXT_LENGTH));
        long line = 1 + sql.substring(0, secondStatement).chars().filter(c -> c == '\n').count();
        return new ErrPacket(ErrorMapper.PARSE_ERROR, "42000", "You have an error in your SQL syntax near '" + near
                + "' at line " + line + ": the query holds several statements but multi-statements are off; send "
                + "one statement per query, or enable them (CLIENT_MULTI_STATEMENTS, e.g. allowMultiQueries=true)");
    }
}
