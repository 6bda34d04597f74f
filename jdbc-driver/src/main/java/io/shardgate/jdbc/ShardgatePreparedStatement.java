package io.shardgate.jdbc;

import io.shardgate.engine.BatchEntry;
import io.shardgate.execute.GeneratedKeyRequest;
import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.ParameterValue.Setter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: the SQL is planned at each execution with the bound values (the planner caches the
 * analysis, so this is cheap), and each shard statement gets the parameters its unit needs, bound with the setter
 * the application used. Streams and LOBs are read into memory when set, since one value may go to several
 * shards. A batch runs as one JDBC batch per data source and physical statement.
 */
public final class ShardgatePreparedStatement extends ShardgateStatement implements PreparedStatement {
    private final String sql;
    private final GeneratedKeyRequest keys;
    private final List<ParameterValue> parameters = new ArrayList<>();
    private final List<BatchEntry> batch = new ArrayList<>();

    ShardgatePreparedStatement(ShardgateConnection connection, String sql, GeneratedKeyRequest keys) {
        super(connection);
        this.sql = sql;
        this.keys = keys;
    }

    private void set(int index, ParameterValue value) throws SQLException {
        checkOpen();
        if (index < 1) {
            throw new SQLException("parameter index " + index + " is out of range; parameters start at 1", "07009");
        }
        while (parameters.size() < index) {
            parameters.add(null);
        }
        parameters.set(index - 1, value);
    }

    private void set(int index, Setter setter, Object value) throws SQLException {
        set(index, ParameterValue.of(setter, value));
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return runQuery(sql, copyOfParameters());
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return runUpdate(sql, copyOfParameters(), keys);
    }

    @Override
    public boolean execute() throws SQLException {
        return run(sql, copyOfParameters(), keys);
    }

    private List<ParameterValue> copyOfParameters() {
        return new ArrayList<>(parameters);
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        parameters.clear();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(new BatchEntry(sql, parameters));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<BatchEntry> entries = new ArrayList<>(batch);
        batch.clear();
        return runBatch(entries, true);
    }

    /** Not known before execution: the columns come from the shards. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw Unsupported.method("PreparedStatement.getParameterMetaData");
    }

    // ---- the Statement methods that take SQL do not apply to a prepared statement ----

    private static SQLException sqlGivenToPrepared(String method) {
        return new SQLException(method + "(String) cannot be called on a PreparedStatement", "HY000");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw sqlGivenToPrepared("executeQuery");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw sqlGivenToPrepared("executeUpdate");
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw sqlGivenToPrepared("executeLargeUpdate");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw sqlGivenToPrepared("execute");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw sqlGivenToPrepared("addBatch");
    }

    // ---- setters ----

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, ParameterValue.ofNull(sqlType));
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        setNull(index, sqlType);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, Setter.BOOLEAN, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, Setter.BYTE, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, Setter.SHORT, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, Setter.INT, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, Setter.LONG, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, Setter.FLOAT, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, Setter.DOUBLE, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, Setter.BIG_DECIMAL, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, Setter.STRING, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, Setter.NSTRING, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, Setter.BYTES, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, Setter.DATE, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar calendar) throws SQLException {
        set(index, new ParameterValue(Setter.DATE, x, 0, -1, calendar));
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, Setter.TIME, x);
    }

    @Override
    public void setTime(int index, Time x, Calendar calendar) throws SQLException {
        set(index, new ParameterValue(Setter.TIME, x, 0, -1, calendar));
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, Setter.TIMESTAMP, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar calendar) throws SQLException {
        set(index, new ParameterValue(Setter.TIMESTAMP, x, 0, -1, calendar));
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, ParameterValue.of(x));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        set(index, new ParameterValue(Setter.OBJECT_TYPED, x, targetSqlType, -1, null));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        set(index, new ParameterValue(Setter.OBJECT_TYPED, x, targetSqlType, scaleOrLength, null));
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        set(index, Setter.STRING, x == null ? null : x.toString());
    }

    // ---- streams and LOBs, read into memory ----

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        set(index, Setter.BYTES, read(x, -1));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        set(index, Setter.BYTES, read(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        set(index, Setter.BYTES, read(x, length));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, -1L);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        setAsciiStream(index, x, (long) length);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        byte[] bytes = read(x, length);
        set(index, Setter.STRING, bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        throw Unsupported.method("PreparedStatement.setUnicodeStream");
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        set(index, Setter.STRING, read(reader, -1));
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        set(index, Setter.STRING, read(reader, length));
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        set(index, Setter.STRING, read(reader, length));
    }

    @Override
    public void setNCharacterStream(int index, Reader reader) throws SQLException {
        set(index, Setter.NSTRING, read(reader, -1));
    }

    @Override
    public void setNCharacterStream(int index, Reader reader, long length) throws SQLException {
        set(index, Setter.NSTRING, read(reader, length));
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        set(index, Setter.BYTES, x == null ? null : read(x.getBinaryStream(), x.length()));
    }

    @Override
    public void setBlob(int index, InputStream x) throws SQLException {
        set(index, Setter.BYTES, read(x, -1));
    }

    @Override
    public void setBlob(int index, InputStream x, long length) throws SQLException {
        set(index, Setter.BYTES, read(x, length));
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        set(index, Setter.STRING, x == null ? null : read(x.getCharacterStream(), x.length()));
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        set(index, Setter.STRING, read(reader, -1));
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        set(index, Setter.STRING, read(reader, length));
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        set(index, Setter.NSTRING, x == null ? null : read(x.getCharacterStream(), x.length()));
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        set(index, Setter.NSTRING, read(reader, -1));
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        set(index, Setter.NSTRING, read(reader, length));
    }

    private static byte[] read(InputStream in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(Integer.MAX_VALUE, length));
        } catch (IOException e) {
            throw new SQLException("cannot read the parameter stream: " + e.getMessage(), "HY000", e);
        }
    }

    private static String read(Reader reader, long length) throws SQLException {
        if (reader == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        long remaining = length < 0 ? Long.MAX_VALUE : length;
        try {
            int n;
            while (remaining > 0 && (n = reader.read(buffer, 0, (int) Math.min(buffer.length, remaining))) >= 0) {
                out.append(buffer, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            throw new SQLException("cannot read the parameter reader: " + e.getMessage(), "HY000", e);
        }
        return out.toString();
    }

    // ---- types Shardgate cannot carry to the shards ----

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw Unsupported.method("PreparedStatement.setRef");
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        throw Unsupported.method("PreparedStatement.setArray");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw Unsupported.method("PreparedStatement.setRowId");
    }

    @Override
    public void setSQLXML(int index, SQLXML x) throws SQLException {
        throw Unsupported.method("PreparedStatement.setSQLXML");
    }
}
