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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a query result to the client: column count, column definitions, EOF, rows, EOF. Rows go out as the
 * merged cursor produces them, so a large scatter result never sits in the proxy's memory. A shard failing
 * mid-stream ends the result with an ERR packet, which the protocol allows in place of the final EOF.
 */
public final class ResultSetWriter {
    /** Column lists kept per connection: clients run a handful of statements over and over. */
    private static final int CACHED_HEADERS = 16;

    private final PacketChannel channel;
    private final PayloadWriter row = new PayloadWriter(4096);
    private final Map<HeaderKey, Header> headers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<HeaderKey, Header> eldest) {
            return size() > CACHED_HEADERS;
        }
    };

    private record HeaderKey(List<ColumnInfo> columns, String schema, boolean binary) {
    }

    /** A result's column packets, encoded once, and the encoder of its rows. */
    private record Header(byte[][] packets, RowEncoder rows) {
    }

    public ResultSetWriter(PacketChannel channel) {
        this.channel = channel;
    }

    /** The column count and the column definitions, as packets. */
    private static Header header(HeaderKey key) {
        List<ColumnDefinition41> definitions = definitions(key.columns(), key.schema());
        byte[][] packets = new byte[definitions.size() + 1][];
        packets[0] = new PayloadWriter(9).lenencInt(definitions.size()).toByteArray();
        for (int i = 0; i < definitions.size(); i++) {
            packets[i + 1] = definitions.get(i).encode();
        }
        return new Header(packets, new RowEncoder(definitions, key.binary()));
    }

    /** Definitions of the result's columns, as they are sent. */
    public static List<ColumnDefinition41> definitions(List<ColumnInfo> columns, String schema) {
        List<ColumnDefinition41> out = new ArrayList<>(columns.size());
        for (ColumnInfo c : columns) {
            out.add(ColumnMapping.definition(c, schema));
        }
        return out;
    }

    /**
     * Writes the whole result and flushes; the caller closes it.
     *
     * @param status the flags of both EOF packets (or of the OK for a result without columns)
     * @return false when a shard failed mid-stream and the result ended with an ERR packet instead of its EOF
     */
    public boolean write(QueryResult result, String schema, boolean binary, int status) throws IOException {
        if (result.columns().isEmpty()) {
            channel.write(OkPacket.of(status).encode()); // a column count of 0 would read as OK anyway
            channel.flush();
            return true;
        }
        Header header = headers.computeIfAbsent(new HeaderKey(result.columns(), schema, binary),
                ResultSetWriter::header);
        for (byte[] packet : header.packets()) {
            channel.write(packet);
        }
        channel.write(new EofPacket(0, status).encode());
        RowEncoder encoder = header.rows();
        RowCursor rows = result.rows();
        try {
            while (rows.next()) {
                encoder.encode(rows, row);
                channel.write(row.buffer(), 0, row.length());
            }
        } catch (SQLException e) {
            channel.write(ErrorMapper.toErr(e).encode());
            channel.flush();
            return false;
        }
        channel.write(new EofPacket(0, status).encode());
        channel.flush();
        return true;
    }
}
