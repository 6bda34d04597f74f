package io.shardgate.execute;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Calendar;

/**
 * One bound statement parameter: the value and the setter the application used, so that every shard receives it
 * exactly as a direct connection would (a {@code setString} stays a string, {@code setNull} keeps its SQL type).
 * Streams and LOBs are read into memory by the JDBC facade first, since a value may be bound on several shards.
 *
 * @param setter   which {@code PreparedStatement} setter to call
 * @param value    the value; null for {@link Setter#NULL}, and where the application passed null to a setter
 * @param sqlType  the {@code java.sql.Types} code for NULL and typed setObject
 * @param scale    scale or length for typed setObject, or -1
 * @param calendar calendar for the date/time setters, or null
 */
public record ParameterValue(Setter setter, Object value, int sqlType, int scale, Calendar calendar) {

    /** The {@code PreparedStatement} setters the engine replays. */
    public enum Setter {
        NULL, OBJECT, OBJECT_TYPED, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, STRING, NSTRING,
        BYTES, DATE, TIME, TIMESTAMP
    }

    /** A value bound with {@code setObject(index, value)}; null becomes {@code setNull(index, Types.NULL)}. */
    public static ParameterValue of(Object value) {
        return value == null ? ofNull(java.sql.Types.NULL) : new ParameterValue(Setter.OBJECT, value, 0, -1, null);
    }

    public static ParameterValue of(Setter setter, Object value) {
        return new ParameterValue(setter, value, 0, -1, null);
    }

    public static ParameterValue ofNull(int sqlType) {
        return new ParameterValue(Setter.NULL, null, sqlType, -1, null);
    }

    /** Binds this value as parameter {@code index} (1-based) of {@code statement}. */
    public void bind(PreparedStatement statement, int index) throws SQLException {
        switch (setter) {
            case NULL -> statement.setNull(index, sqlType);
            case OBJECT -> statement.setObject(index, value);
            case OBJECT_TYPED -> {
                if (scale >= 0) {
                    statement.setObject(index, value, sqlType, scale);
                } else {
                    statement.setObject(index, value, sqlType);
                }
            }
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case BYTE -> statement.setByte(index, (Byte) value);
            case SHORT -> statement.setShort(index, (Short) value);
            case INT -> statement.setInt(index, (Integer) value);
            case LONG -> statement.setLong(index, (Long) value);
            case FLOAT -> statement.setFloat(index, (Float) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case BIG_DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case STRING -> statement.setString(index, (String) value);
            case NSTRING -> statement.setNString(index, (String) value);
            case BYTES -> statement.setBytes(index, (byte[]) value);
            case DATE -> {
                if (calendar == null) {
                    statement.setDate(index, (java.sql.Date) value);
                } else {
                    statement.setDate(index, (java.sql.Date) value, calendar);
                }
            }
            case TIME -> {
                if (calendar == null) {
                    statement.setTime(index, (java.sql.Time) value);
                } else {
                    statement.setTime(index, (java.sql.Time) value, calendar);
                }
            }
            case TIMESTAMP -> {
                if (calendar == null) {
                    statement.setTimestamp(index, (java.sql.Timestamp) value);
                } else {
                    statement.setTimestamp(index, (java.sql.Timestamp) value, calendar);
                }
            }
        }
    }

    @Override
    public String toString() {
        return setter + "(" + (value instanceof byte[] b ? b.length + " bytes" : value) + ")";
    }
}
