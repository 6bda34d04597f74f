package io.shardgate.proxy.result;

import io.shardgate.engine.QueryResult;
import io.shardgate.execute.ColumnInfo;
import io.shardgate.merge.RowCursor;
import io.shardgate.proxy.codec.PacketChannel;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.EofPacket;
import io.shardgate.proxy.protocol.OkPacket;
import io.shardgate.proxy.protocol.PayloadWriter;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a query result to the client: column count, column definitions, EOF, rows, EOF. Rows go out as the
 * merged cursor produces them, so a large scatter result never sits in the proxy's memory. A shard failing
 * mid-stream ends the result with an ERR packet, which the protocol allows in place of the final EOF.
 */
public final class ResultSetWriter {
    private final PacketChannel channel;
    private final PayloadWriter row = new PayloadWriter(4096);

    public ResultSetWriter(PacketChannel channel) {
        this.channel = channel;
    }

    /** Definitions of the result's columns, as they are sent. */
    public static List<ColumnDefinition41> definitions(List<ColumnInfo> columns, String schema) {
        List<ColumnDefinition41> out = new ArrayList<>(columns.size());
        for (ColumnInfo c : columns) {
            out.add(ColumnMapping.definition(c, schema));
        }
        return out;
    }

    /** Writes the whole result and flushes; the caller closes it. */
    public void write(QueryResult result, String schema, boolean binary, int status) throws IOException {
        List<ColumnDefinition41> columns = definitions(result.columns(), schema);
        if (columns.isEmpty()) {
            channel.write(OkPacket.of(status).encode()); // a column count of 0 would read as OK anyway
            channel.flush();
            return;
        }
        channel.write(new PayloadWriter(9).lenencInt(columns.size()).toByteArray());
        for (ColumnDefinition41 column : columns) {
            channel.write(column.encode());
        }
        channel.write(new EofPacket(0, status).encode());
        RowEncoder encoder = new RowEncoder(columns, binary);
        RowCursor rows = result.rows();
        try {
            while (rows.next()) {
                encoder.encode(rows, row);
                channel.write(row.buffer(), 0, row.length());
            }
        } catch (SQLException e) {
            channel.write(ErrorMapper.toErr(e).encode());
            channel.flush();
            return;
        }
        channel.write(new EofPacket(0, status).encode());
        channel.flush();
    }
}
