package io.shardgate.proxy.command;

import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.protocol.Collations;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.StmtPrepareOk;
import io.shardgate.proxy.result.ResultSetWriter;
import io.shardgate.proxy.session.ClientSession;
import io.shardgate.proxy.session.PreparedStatement;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.SqlSyntaxException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * COM_STMT_PREPARE. Preparing counts the parameter markers and describes the result columns
 * ({@link PreparedColumns}); the statement is planned again when it executes, with its values, because the values
 * decide the shards. Each execution sends its columns again, as a MySQL server does.
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
        ClientSession session = context.session();
        List<ColumnDefinition41> columns = ResultSetWriter.definitions(
                PreparedColumns.describe(sql, parameters, session.context().engine()), session.schema());
        PacketChannel channel = context.channel();
        channel.write(new StmtPrepareOk(statement.id(), columns.size(), parameters, 0).encode());
        for (int i = 0; i < parameters; i++) {
            channel.write(PARAMETER.encode());
        }
        if (parameters > 0) {
            channel.write(new EofPacket(0, session.status()).encode());
        }
        for (ColumnDefinition41 column : columns) {
            channel.write(column.encode());
        }
        if (!columns.isEmpty()) {
            channel.write(new EofPacket(0, session.status()).encode());
        }
        channel.flush();
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
