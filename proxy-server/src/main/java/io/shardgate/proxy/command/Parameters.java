package io.shardgate.proxy.command;

import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.ParameterValue.Setter;
import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.session.PreparedStatement;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns decoded binary-protocol parameters into the engine's {@link ParameterValue}s, choosing the JDBC setter a
 * direct client would have used, so every shard driver binds them with the right type. Dates and times go as
 * java.time objects, which carry no time zone to be shifted on the way.
 */
public final class Parameters {

    private Parameters() {
    }

    public static List<ParameterValue> toEngine(Object[] values, PreparedStatement statement) {
        List<ParameterValue> params = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            byte[] longData = statement.longData(i);
            Object v = longData == null ? values[i] : fromLongData(longData, statement.types()[i]);
            params.add(of(v));
        }
        return params;
    }

    /** Long data of a text type is text; of anything else, bytes. */
    private static Object fromLongData(byte[] data, FieldType type) {
        boolean text = type == FieldType.STRING || type == FieldType.VAR_STRING || type == FieldType.VARCHAR
                || type == FieldType.JSON || type == FieldType.ENUM || type == FieldType.SET;
        return text ? new String(data, StandardCharsets.UTF_8) : data;
    }

    private static ParameterValue of(Object v) {
        if (v == null) {
            return ParameterValue.ofNull(Types.NULL);
        }
        if (v instanceof Long) {
            return ParameterValue.of(Setter.LONG, v);
        }
        if (v instanceof Double) {
            return ParameterValue.of(Setter.DOUBLE, v);
        }
        if (v instanceof Float) {
            return ParameterValue.of(Setter.FLOAT, v);
        }
        if (v instanceof BigDecimal) {
            return ParameterValue.of(Setter.BIG_DECIMAL, v);
        }
        if (v instanceof String) {
            return ParameterValue.of(Setter.STRING, v);
        }
        if (v instanceof byte[]) {
            return ParameterValue.of(Setter.BYTES, v);
        }
        return ParameterValue.of(v); // LocalDate, LocalDateTime, LocalTime: setObject
    }
}
