package io.shardgate.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/** The updatable-result-set half of {@link ResultSet}: merged results are read-only, so all of it is refused. */
abstract class ResultSetUpdatesUnsupported implements ResultSet {

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw Unsupported.method("ResultSet.cancelRowUpdates");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw Unsupported.method("ResultSet.deleteRow");
    }

    @Override
    public void insertRow() throws SQLException {
        throw Unsupported.method("ResultSet.insertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw Unsupported.method("ResultSet.moveToCurrentRow");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw Unsupported.method("ResultSet.moveToInsertRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw Unsupported.method("ResultSet.refreshRow");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw Unsupported.method("ResultSet.rowDeleted");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw Unsupported.method("ResultSet.rowInserted");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        throw Unsupported.method("ResultSet.rowUpdated");
    }

    @Override
    public void updateArray(String label, Array array) throws SQLException {
        throw Unsupported.method("ResultSet.updateArray");
    }

    @Override
    public void updateArray(int column, Array array) throws SQLException {
        throw Unsupported.method("ResultSet.updateArray");
    }

    @Override
    public void updateAsciiStream(String label, InputStream inputStream, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String label, InputStream inputStream, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String label, InputStream inputStream) throws SQLException {
        throw Unsupported.method("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int column, InputStream inputStream, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int column, InputStream inputStream, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int column, InputStream inputStream) throws SQLException {
        throw Unsupported.method("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateBigDecimal(String label, BigDecimal bigDecimal) throws SQLException {
        throw Unsupported.method("ResultSet.updateBigDecimal");
    }

    @Override
    public void updateBigDecimal(int column, BigDecimal bigDecimal) throws SQLException {
        throw Unsupported.method("ResultSet.updateBigDecimal");
    }

    @Override
    public void updateBinaryStream(String label, InputStream inputStream, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String label, InputStream inputStream, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String label, InputStream inputStream) throws SQLException {
        throw Unsupported.method("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int column, InputStream inputStream, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int column, InputStream inputStream, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int column, InputStream inputStream) throws SQLException {
        throw Unsupported.method("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBlob(String label, InputStream inputStream, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(String label, InputStream inputStream) throws SQLException {
        throw Unsupported.method("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(String label, Blob blob) throws SQLException {
        throw Unsupported.method("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int column, InputStream inputStream, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int column, InputStream inputStream) throws SQLException {
        throw Unsupported.method("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int column, Blob blob) throws SQLException {
        throw Unsupported.method("ResultSet.updateBlob");
    }

    @Override
    public void updateBoolean(String label, boolean x) throws SQLException {
        throw Unsupported.method("ResultSet.updateBoolean");
    }

    @Override
    public void updateBoolean(int column, boolean x) throws SQLException {
        throw Unsupported.method("ResultSet.updateBoolean");
    }

    @Override
    public void updateByte(String label, byte x) throws SQLException {
        throw Unsupported.method("ResultSet.updateByte");
    }

    @Override
    public void updateByte(int column, byte x) throws SQLException {
        throw Unsupported.method("ResultSet.updateByte");
    }

    @Override
    public void updateBytes(String label, byte[] values) throws SQLException {
        throw Unsupported.method("ResultSet.updateBytes");
    }

    @Override
    public void updateBytes(int column, byte[] values) throws SQLException {
        throw Unsupported.method("ResultSet.updateBytes");
    }

    @Override
    public void updateCharacterStream(String label, Reader reader, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String label, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String label, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int column, Reader reader, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int column, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int column, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateClob(String label, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateClob");
    }

    @Override
    public void updateClob(String label, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateClob");
    }

    @Override
    public void updateClob(String label, Clob clob) throws SQLException {
        throw Unsupported.method("ResultSet.updateClob");
    }

    @Override
    public void updateClob(int column, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateClob");
    }

    @Override
    public void updateClob(int column, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateClob");
    }

    @Override
    public void updateClob(int column, Clob clob) throws SQLException {
        throw Unsupported.method("ResultSet.updateClob");
    }

    @Override
    public void updateDate(String label, Date date) throws SQLException {
        throw Unsupported.method("ResultSet.updateDate");
    }

    @Override
    public void updateDate(int column, Date date) throws SQLException {
        throw Unsupported.method("ResultSet.updateDate");
    }

    @Override
    public void updateDouble(String label, double x) throws SQLException {
        throw Unsupported.method("ResultSet.updateDouble");
    }

    @Override
    public void updateDouble(int column, double x) throws SQLException {
        throw Unsupported.method("ResultSet.updateDouble");
    }

    @Override
    public void updateFloat(String label, float x) throws SQLException {
        throw Unsupported.method("ResultSet.updateFloat");
    }

    @Override
    public void updateFloat(int column, float x) throws SQLException {
        throw Unsupported.method("ResultSet.updateFloat");
    }

    @Override
    public void updateInt(String label, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateInt");
    }

    @Override
    public void updateInt(int column, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateInt");
    }

    @Override
    public void updateLong(String label, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateLong");
    }

    @Override
    public void updateLong(int column, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateLong");
    }

    @Override
    public void updateNCharacterStream(String label, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String label, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int column, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int column, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNClob(String label, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(String label, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(String label, NClob nClob) throws SQLException {
        throw Unsupported.method("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int column, Reader reader, long length) throws SQLException {
        throw Unsupported.method("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int column, Reader reader) throws SQLException {
        throw Unsupported.method("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int column, NClob nClob) throws SQLException {
        throw Unsupported.method("ResultSet.updateNClob");
    }

    @Override
    public void updateNString(String label, String string) throws SQLException {
        throw Unsupported.method("ResultSet.updateNString");
    }

    @Override
    public void updateNString(int column, String string) throws SQLException {
        throw Unsupported.method("ResultSet.updateNString");
    }

    @Override
    public void updateNull(String label) throws SQLException {
        throw Unsupported.method("ResultSet.updateNull");
    }

    @Override
    public void updateNull(int column) throws SQLException {
        throw Unsupported.method("ResultSet.updateNull");
    }

    @Override
    public void updateObject(String label, Object object, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateObject");
    }

    @Override
    public void updateObject(String label, Object object) throws SQLException {
        throw Unsupported.method("ResultSet.updateObject");
    }

    @Override
    public void updateObject(int column, Object object, int length) throws SQLException {
        throw Unsupported.method("ResultSet.updateObject");
    }

    @Override
    public void updateObject(int column, Object object) throws SQLException {
        throw Unsupported.method("ResultSet.updateObject");
    }

    @Override
    public void updateRef(String label, Ref ref) throws SQLException {
        throw Unsupported.method("ResultSet.updateRef");
    }

    @Override
    public void updateRef(int column, Ref ref) throws SQLException {
        throw Unsupported.method("ResultSet.updateRef");
    }

    @Override
    public void updateRow() throws SQLException {
        throw Unsupported.method("ResultSet.updateRow");
    }

    @Override
    public void updateRowId(String label, RowId rowId) throws SQLException {
        throw Unsupported.method("ResultSet.updateRowId");
    }

    @Override
    public void updateRowId(int column, RowId rowId) throws SQLException {
        throw Unsupported.method("ResultSet.updateRowId");
    }

    @Override
    public void updateSQLXML(String label, SQLXML sQLXML) throws SQLException {
        throw Unsupported.method("ResultSet.updateSQLXML");
    }

    @Override
    public void updateSQLXML(int column, SQLXML sQLXML) throws SQLException {
        throw Unsupported.method("ResultSet.updateSQLXML");
    }

    @Override
    public void updateShort(String label, short x) throws SQLException {
        throw Unsupported.method("ResultSet.updateShort");
    }

    @Override
    public void updateShort(int column, short x) throws SQLException {
        throw Unsupported.method("ResultSet.updateShort");
    }

    @Override
    public void updateString(String label, String string) throws SQLException {
        throw Unsupported.method("ResultSet.updateString");
    }

    @Override
    public void updateString(int column, String string) throws SQLException {
        throw Unsupported.method("ResultSet.updateString");
    }

    @Override
    public void updateTime(String label, Time time) throws SQLException {
        throw Unsupported.method("ResultSet.updateTime");
    }

    @Override
    public void updateTime(int column, Time time) throws SQLException {
        throw Unsupported.method("ResultSet.updateTime");
    }

    @Override
    public void updateTimestamp(String label, Timestamp timestamp) throws SQLException {
        throw Unsupported.method("ResultSet.updateTimestamp");
    }

    @Override
    public void updateTimestamp(int column, Timestamp timestamp) throws SQLException {
        throw Unsupported.method("ResultSet.updateTimestamp");
    }
}
