package io.shardgate.proxy.passthrough;

import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.ErrPacket;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.PayloadWriter;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One pass-through command on one backend connection: sends the physical statement (preparing it first on this
 * connection when the client executes a prepared statement the connection has not seen) and copies the server's
 * answer to the client packet by packet. Rows go out byte for byte, never decoded; only what describes the session
 * or the layout is rewritten: column definitions name the logical schema and no physical table (as the engine's
 * answers do), and EOF / OK packets carry the client session's status flags. The sequence ids are the server's,
 * which are the ones the client expects.
 */
final class ResultRelay {
    /** ER_NET_READ_ERROR: the shard connection broke after part of the answer reached the client. */
    static final int LOST_SHARD = 1158;
    private static final int MAX_CHUNK = 0xFFFFFF;
    private static final byte[] DEF = "def".getBytes(StandardCharsets.US_ASCII);

    private enum Phase { PREPARE_REPLY, FIRST, COLUMNS, COLUMNS_EOF, ROWS, DONE }

    private final byte[] command;
    private final ClientSide client;
    private final BackendConnection backend;
    private final byte[] schema;
    private final int status;
    private final String sql;
    /** COM_STMT_EXECUTE after the statement id, with types always bound; null for a text query. */
    private final byte[] executeBody;
    private final int parameterCount;
    private final Runnable drained = this::drained;
    private Phase phase;
    private int prepareSkip = -1;
    private int columnsLeft;
    private boolean forwarded;
    private boolean continuation;
    private int lastSequence;

    private ResultRelay(byte[] command, ClientSide client, BackendConnection backend, String schema, int status,
                        String sql, byte[] executeBody, int parameterCount) {
        this.command = command;
        this.client = client;
        this.backend = backend;
        this.schema = schema.getBytes(StandardCharsets.UTF_8);
        this.status = status;
        this.sql = sql;
        this.executeBody = executeBody;
        this.parameterCount = parameterCount;
    }

    /** A text query; throws when the request could not be sent (nothing has reached the client). */
    static void query(byte[] command, ClientSide client, BackendConnection backend, String schema, int status,
                      String sql) throws IOException {
        ResultRelay relay = new ResultRelay(command, client, backend, schema, status, sql, null, 0);
        relay.phase = Phase.FIRST;
        backend.start(relay);
        backend.send(packet(0x03, sql.getBytes(StandardCharsets.UTF_8)));
    }

    /** A prepared statement's execution, the statement prepared on this connection first if need be. */
    static void execute(byte[] command, ClientSide client, BackendConnection backend, String schema, int status,
                        String sql, byte[] executeBody, int parameterCount) throws IOException {
        ResultRelay relay = new ResultRelay(command, client, backend, schema, status, sql, executeBody,
                parameterCount);
        backend.start(relay);
        BackendConnection.Prepared prepared = backend.prepared(sql);
        if (prepared != null) {
            relay.phase = Phase.FIRST;
            backend.send(relay.executePacket(prepared.id()));
        } else {
            relay.phase = Phase.PREPARE_REPLY;
            backend.send(packet(0x16, sql.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static byte[] packet(int command, byte[] body) {
        byte[] out = new byte[5 + body.length];
        header(out, body.length + 1, 0);
        out[4] = (byte) command;
        System.arraycopy(body, 0, out, 5, body.length);
        return out;
    }

    /** Writes a packet header (payload length, sequence id) into the first four bytes. */
    private static void header(byte[] packet, int payloadLength, int sequence) {
        packet[0] = (byte) payloadLength;
        packet[1] = (byte) (payloadLength >>> 8);
        packet[2] = (byte) (payloadLength >>> 16);
        packet[3] = (byte) sequence;
    }

    private byte[] executePacket(int statementId) {
        byte[] body = new byte[4 + executeBody.length];
        body[0] = (byte) statementId;
        body[1] = (byte) (statementId >>> 8);
        body[2] = (byte) (statementId >>> 16);
        body[3] = (byte) (statementId >>> 24);
        System.arraycopy(executeBody, 0, body, 4, executeBody.length);
        return packet(0x17, body);
    }

    /** The backend connection has bytes (loop thread). */
    void readable() throws IOException {
        ByteBuffer in = backend.in();
        if (!backend.read()) {
            backendFailed(new EOFException("the shard server closed the connection"));
            return;
        }
        in.flip();
        int needed;
        try {
            needed = relay(in);
        } catch (ProtocolException e) {
            in.compact();
            backendFailed(e);
            return;
        }
        in.compact();
        if (phase == Phase.DONE) {
            finish(in.position() == 0);
            return;
        }
        backend.reserve(needed);
        if (!client.flush(drained)) {
            backend.pause(true);
        }
    }

    private void drained() {
        if (!backend.isClosed()) {
            backend.pause(false);
        }
    }

    /** Handles the whole packets in {@code in}; returns the size a partly arrived packet needs. */
    private int relay(ByteBuffer in) throws IOException {
        while (phase != Phase.DONE && in.remaining() >= 4) {
            int at = in.position();
            byte[] b = in.array();
            int offset = in.arrayOffset() + at;
            int length = (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16;
            if (in.remaining() < 4 + length) {
                return 4 + length;
            }
            lastSequence = b[offset + 3] & 0xFF;
            handle(b, offset, length);
            in.position(at + 4 + length);
        }
        return 4;
    }

    private void handle(byte[] b, int offset, int length) throws IOException {
        boolean continues = continuation;
        continuation = length == MAX_CHUNK;
        if (continues) {
            forward(b, offset, length);
            return;
        }
        int first = length == 0 ? -1 : b[offset + 4] & 0xFF;
        boolean eof = first == 0xFE && length < 9;
        switch (phase) {
            case PREPARE_REPLY -> prepareReply(b, offset, length, first);
            case FIRST -> {
                if (first == 0xFF) {
                    forward(b, offset, length);
                    phase = Phase.DONE;
                } else if (first == 0x00) {
                    forwardOk(b, offset, length);
                    phase = Phase.DONE;
                } else if (first == 0xFB || eof || first < 0) {
                    throw ProtocolException.malformed("unexpected reply 0x" + Integer.toHexString(first)
                            + " to a read");
                } else {
                    columnsLeft = (int) new PayloadReader(slice(b, offset, length)).lenencInt();
                    forward(b, offset, length);
                    phase = Phase.COLUMNS;
                }
            }
            case COLUMNS -> {
                forwardColumn(b, offset, length);
                if (--columnsLeft == 0) {
                    phase = Phase.COLUMNS_EOF;
                }
            }
            case COLUMNS_EOF -> {
                if (!eof) {
                    throw ProtocolException.malformed("no EOF after the column definitions");
                }
                forwardEof(b, offset, length);
                phase = Phase.ROWS;
            }
            case ROWS -> {
                if (eof) {
                    forwardEof(b, offset, length);
                    phase = Phase.DONE;
                } else {
                    forward(b, offset, length);
                    if (first == 0xFF) {
                        phase = Phase.DONE;
                    }
                }
            }
            case DONE -> throw new IllegalStateException("packet after the end of the answer");
        }
    }

    /** COM_STMT_PREPARE's answer: the statement id, then parameter and column definitions this relay skips. */
    private void prepareReply(byte[] b, int offset, int length, int first) throws IOException {
        if (prepareSkip < 0) {
            if (first == 0xFF) {
                forward(b, offset, length);
                phase = Phase.DONE;
                return;
            }
            if (first != 0x00 || length < 12) {
                throw ProtocolException.malformed("unexpected reply to COM_STMT_PREPARE");
            }
            PayloadReader reply = new PayloadReader(slice(b, offset, length));
            reply.int1();
            int id = reply.int4();
            int columns = reply.int2();
            int parameters = reply.int2();
            if (parameters != parameterCount) {
                throw ProtocolException.malformed("the shard counts " + parameters + " parameters in " + sql
                        + ", the client " + parameterCount);
            }
            backend.remember(sql, new BackendConnection.Prepared(id, parameters));
            prepareSkip = (parameters > 0 ? parameters + 1 : 0) + (columns > 0 ? columns + 1 : 0);
        } else {
            prepareSkip--;
        }
        if (prepareSkip == 0) {
            phase = Phase.FIRST;
            backend.send(executePacket(backend.prepared(sql).id()));
        }
    }

    private static byte[] slice(byte[] b, int offset, int length) {
        byte[] payload = new byte[length];
        System.arraycopy(b, offset + 4, payload, 0, length);
        return payload;
    }

    private void forward(byte[] b, int offset, int length) {
        client.write(b, offset, 4 + length);
        forwarded = true;
    }

    private void forwardEof(byte[] b, int offset, int length) {
        byte[] copy = new byte[4 + length];
        System.arraycopy(b, offset, copy, 0, copy.length);
        if (length >= 5) {
            copy[7] = (byte) status;
            copy[8] = (byte) (status >>> 8);
        }
        client.write(copy, 0, copy.length);
        forwarded = true;
    }

    private void forwardOk(byte[] b, int offset, int length) throws ProtocolException {
        byte[] copy = new byte[4 + length];
        System.arraycopy(b, offset, copy, 0, copy.length);
        PayloadReader ok = new PayloadReader(slice(b, offset, length));
        ok.int1();
        ok.lenencInt();
        ok.lenencInt();
        int statusAt = 4 + length - ok.remaining();
        if (ok.remaining() >= 2) {
            copy[statusAt] = (byte) status;
            copy[statusAt + 1] = (byte) (status >>> 8);
        }
        client.write(copy, 0, copy.length);
        forwarded = true;
    }

    /** A column definition with the logical schema and no table names, as the engine's answers describe it. */
    private void forwardColumn(byte[] b, int offset, int length) throws ProtocolException {
        PayloadReader column = new PayloadReader(slice(b, offset, length));
        column.lenencBytes(); // catalog
        column.lenencBytes(); // schema
        column.lenencBytes(); // table
        column.lenencBytes(); // org_table
        int rest = column.remaining();
        PayloadWriter out = new PayloadWriter(4 + 4 + DEF.length + schema.length + 2 + rest);
        out.int4(0).lenencBytes(DEF).lenencBytes(schema).lenencBytes(new byte[0]).lenencBytes(new byte[0])
                .bytes(b, offset + 4 + length - rest, rest);
        header(out.buffer(), out.length() - 4, lastSequence);
        client.write(out.buffer(), 0, out.length());
        forwarded = true;
    }

    private void finish(boolean inStep) {
        if (inStep) {
            backend.release();
        } else {
            backend.close(); // bytes beyond the answer: the connection is out of step
        }
        client.flush(() -> { });
        client.finished();
    }

    /**
     * The backend connection broke or spoke out of turn. Before anything reached the client the engine runs the
     * command instead (a read, safe to run again); after, the answer ends with an error, as when a shard fails
     * mid-result through the engine.
     */
    void backendFailed(Exception e) {
        backend.close();
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        if (!forwarded) {
            client.fallBack(command);
            return;
        }
        PayloadWriter err = new PayloadWriter(128).int4(0).bytes(new ErrPacket(LOST_SHARD, "08S01",
                "Lost the connection to shard server " + backend.address().host() + ":" + backend.address().port()
                        + " while relaying its result (" + e.getMessage() + "); the rows sent are incomplete: run the "
                        + "statement again").encode());
        header(err.buffer(), err.length() - 4, lastSequence + 1);
        client.write(err.buffer(), 0, err.length());
        client.flush(() -> { });
        client.finished();
    }
}
