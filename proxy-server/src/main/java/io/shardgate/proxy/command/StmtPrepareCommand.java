package io.shardgate.proxy.command;

import io.shardgate.proxy.protocol.Collations;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.StmtPrepareOk;
import io.shardgate.proxy.session.PreparedStatement;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;

import java.io.IOException;
import java.sql.SQLException;

/**
 * COM_STMT_PREPARE. Preparing only counts the parameter markers: the statement is planned when it executes, with
 * its values, because the values decide the shards. The response therefore announces no result columns (their
 * types depend on the shards and are sent with each execution's rows, which every client reads).
 */
final class StmtPrepareCommand implements Command {
    private static final ColumnDefinition41 PARAMETER = new ColumnDefinition41("", "", "", "?", "",
            Collations.BINARY, 0, FieldType.VAR_STRING, 0, 0);

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        String sql = QueryText.decode(request.rest(), !context.session().context().noBackslashEscapes());
        PreparedStatement statement;
        try {
            statement = context.session().statements().add(sql, markers(sql));
        } catch (SQLException e) {
            context.error(e);
            return;
        }
        int parameters = statement.parameterCount();
        context.channel().write(new StmtPrepareOk(statement.id(), 0, parameters, 0).encode());
        for (int i = 0; i < parameters; i++) {
            context.channel().write(PARAMETER.encode());
        }
        if (parameters > 0) {
            context.eof();
        } else {
            context.channel().flush();
        }
    }

    private static int markers(String sql) throws SQLException {
        int count = 0;
        try {
            for (Token t : SqlLexer.tokenize(sql, Dialect.MYSQL)) {
                if (t.type() == TokenType.MARKER) {
                    count++;
                }
            }
        } catch (SqlSyntaxException e) {
            throw new SQLException(e.getMessage(), "42000", e);
        }
        if (count > 0xFFFF) {
            throw new SQLException("Prepared statement contains too many placeholders", "42000", 1390);
        }
        return count;
    }
}
