package io.shardgate.proxy.command;

import io.shardgate.engine.QueryResult;
import io.shardgate.engine.StatementResult;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.result.ResultSetWriter;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * COM_FIELD_LIST (the mysql CLI's column completion): the columns of a logical table, learnt by running
 * {@code SELECT * FROM t LIMIT 0} through the engine, so the answer is the shards' real columns.
 */
final class FieldListCommand implements Command {

    @Override
    public void execute(PayloadReader request, CommandContext context) throws IOException {
        String table = request.nulString();
        String sql = "SELECT * FROM `" + table.replace("`", "``") + "` LIMIT 0";
        List<ColumnDefinition41> columns;
        try {
            StatementResult result = context.session().engine().execute(sql);
            try (QueryResult rows = (QueryResult) result) {
                columns = ResultSetWriter.definitions(rows.columns(), context.session().schema());
            }
        } catch (SQLException e) {
            context.error(e);
            return;
        }
        for (ColumnDefinition41 column : columns) {
            context.channel().write(column.encodeForFieldList());
        }
        context.eof();
    }
}
