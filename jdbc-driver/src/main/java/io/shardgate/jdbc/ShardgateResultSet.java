package io.shardgate.jdbc;

import io.shardgate.engine.QueryResult;
import io.shardgate.merge.RowCursor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only result set over the merged row cursor. Getters convert the shard drivers' values
 * like those drivers do for the common types; updates, scrolling and LOB locators are not supported.
 */
public final class ShardgateResultSet extends UnsupportedResultSetMethods {
    private final ShardgateStatement statement;
    private final QueryResult result;
    private final RowCursor rows;
    private final ShardgateResultSetMetaData metaData;
    private Map<String, Integer> columnIndexes;
    private int row;
    private boolean onRow;
    private boolean afterLast;
    private boolean wasNull;
    private boolean closed;
    private int fetchSize;

    ShardgateResultSet(ShardgateStatement statement, QueryResult result) {
        this.statement = statement;
        this.result = result;
        this.rows = result.rows();
        this.metaData = new ShardgateResultSetMetaData(result.columns());
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        try {
            onRow = rows.next();
        } catch (SQLException e) {
            throw statement == null ? e : statement.readFailure(e);
        }
        if (onRow) {
            row++;
        } else {
            afterLast = true;
        }
        return onRow;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            result.close();
        } finally {
            if (statement != null) {
                statement.resultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (!onRow) {
            throw new SQLException(afterLast ? "after the last row" : "before the first row; call next()", "24000");
        }
        if (column < 1 || column > metaData.getColumnCount()) {
            throw new SQLException("column index " + column + " is out of range (1.." + metaData.getColumnCount()
                    + ")", "S1002");
        }
        Object v = rows.value(column - 1);
        wasNull = v == null;
        return v;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (columnIndexes == null) {
            Map<String, Integer> indexes = new HashMap<>();
            for (int i = metaData.getColumnCount(); i >= 1; i--) { // backwards, so the first of duplicates wins
                indexes.put(metaData.getColumnName(i).toLowerCase(Locale.ROOT), i);
            }
            for (int i = metaData.getColumnCount(); i >= 1; i--) { // labels take precedence over names
                indexes.put(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            columnIndexes = indexes;
        }
        Integer index = columnIndexes.get(label.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw new SQLException("no column labelled " + label + " in the result", "S0022");
        }
        return index;
    }

    @Override
    public String getString(int column) throws SQLException {
        return ValueConversions.toStringValue(value(column));
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return ValueConversions.toBoolean(value(column));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) ValueConversions.toLong(value(column), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) ValueConversions.toLong(value(column), Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int column) throws SQLException {
        return (int) ValueConversions.toLong(value(column), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int column) throws SQLException {
        return ValueConversions.toLong(value(column), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return (float) ValueConversions.toDouble(value(column));
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return ValueConversions.toDouble(value(column));
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        return ValueConversions.toBigDecimal(value(column));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        return ValueConversions.toBytes(value(column));
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return ValueConversions.toDate(value(column), null);
    }

    @Override
    public Date getDate(int column, Calendar calendar) throws SQLException {
        return ValueConversions.toDate(value(column), calendar);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return ValueConversions.toTime(value(column), null);
    }

    @Override
    public Time getTime(int column, Calendar calendar) throws SQLException {
        return ValueConversions.toTime(value(column), calendar);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return ValueConversions.toTimestamp(value(column), null);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar calendar) throws SQLException {
        return ValueConversions.toTimestamp(value(column), calendar);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return value(column);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        return ValueConversions.toType(value(column), type);
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        byte[] bytes = getBytes(column);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    // ---- by label ----

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getNString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar calendar) throws SQLException {
        return getDate(findColumn(label), calendar);
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar calendar) throws SQLException {
        return getTime(findColumn(label), calendar);
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar calendar) throws SQLException {
        return getTimestamp(findColumn(label), calendar);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getNCharacterStream(findColumn(label));
    }

    // ---- cursor state and properties ----

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return metaData;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return onRow && row == 1;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return onRow ? row : 0;
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Unsupported.method("ResultSet.setFetchDirection other than FETCH_FORWARD");
        }
    }

    /** Recorded only: the shard statements were already executed with the statement's fetch size. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("fetch size must not be negative", "HY024");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed", "24000");
        }
    }
}
