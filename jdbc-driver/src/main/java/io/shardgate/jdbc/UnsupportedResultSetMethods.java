package io.shardgate.jdbc;

import java.io.InputStream;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.Map;

/**
 * The parts of {@link java.sql.ResultSet} a forward-only merged result cannot offer (scrolling, LOB locators,
 * cursor names), each refused naming the method.
 */
abstract class UnsupportedResultSetMethods extends ResultSetUpdatesUnsupported {

    @Override
    public boolean absolute(int row) throws SQLException {
        throw Unsupported.method("ResultSet.absolute");
    }

    @Override
    public void afterLast() throws SQLException {
        throw Unsupported.method("ResultSet.afterLast");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw Unsupported.method("ResultSet.beforeFirst");
    }

    @Override
    public boolean first() throws SQLException {
        throw Unsupported.method("ResultSet.first");
    }

    @Override
    public Array getArray(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getArray");
    }

    @Override
    public Array getArray(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getArray");
    }

    @Override
    public Blob getBlob(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getBlob");
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getBlob");
    }

    @Override
    public Clob getClob(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getClob");
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getClob");
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Unsupported.method("ResultSet.getCursorName");
    }

    @Override
    public NClob getNClob(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getNClob");
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getNClob");
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        throw Unsupported.method("ResultSet.getObject");
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        throw Unsupported.method("ResultSet.getObject");
    }

    @Override
    public Ref getRef(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getRef");
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getRef");
    }

    @Override
    public RowId getRowId(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getRowId");
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getRowId");
    }

    @Override
    public SQLXML getSQLXML(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getSQLXML");
    }

    @Override
    public URL getURL(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getURL");
    }

    @Override
    public URL getURL(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getURL");
    }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(String label) throws SQLException {
        throw Unsupported.method("ResultSet.getUnicodeStream");
    }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(int column) throws SQLException {
        throw Unsupported.method("ResultSet.getUnicodeStream");
    }

    @Override
    public boolean isLast() throws SQLException {
        throw Unsupported.method("ResultSet.isLast");
    }

    @Override
    public boolean last() throws SQLException {
        throw Unsupported.method("ResultSet.last");
    }

    @Override
    public boolean previous() throws SQLException {
        throw Unsupported.method("ResultSet.previous");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw Unsupported.method("ResultSet.relative");
    }
}
