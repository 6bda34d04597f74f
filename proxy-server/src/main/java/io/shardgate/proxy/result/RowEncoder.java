package io.shardgate.proxy.result;

import io.shardgate.merge.RowCursor;
import io.shardgate.proxy.protocol.BinaryValues;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.FieldType;
import io.shardgate.proxy.protocol.PayloadWriter;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes the cursor's current row as a text row (COM_QUERY: every value a length-encoded string, 0xFB for NULL)
 * or a binary row (COM_STMT_EXECUTE: 0x00, a NULL bitmap offset by two bits, then each non-NULL value in its
 * column type's binary form). The column types come from {@link ColumnMapping}, which keeps them consistent.
 */
final class RowEncoder {
    private final FieldType[] types;
    private final int[] decimals;
    private final boolean binary;
    /** The current row's values and NULL bitmap, reused from row to row. */
    private final Object[] values;
    private final byte[] nulls;

    RowEncoder(List<ColumnDefinition41> columns, boolean binary) {
        this.types = new FieldType[columns.size()];
        this.decimals = new int[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
            decimals[i] = columns.get(i).decimals();
        }
        this.binary = binary;
        this.values = new Object[types.length];
        this.nulls = new byte[BinaryValues.rowNullBitmapBytes(types.length)];
    }

    void encode(RowCursor row, PayloadWriter out) throws SQLException {
        out.reset();
        if (binary) {
            encodeBinary(row, out);
        } else {
            for (int i = 0; i < types.length; i++) {
                Object v = row.value(i);
                if (v == null) {
                    out.nullValue();
                } else {
                    out.lenencBytes(Values.text(v, decimals[i]));
                }
            }
        }
    }

    private void encodeBinary(RowCursor row, PayloadWriter out) throws SQLException {
        Arrays.fill(nulls, (byte) 0);
        for (int i = 0; i < types.length; i++) {
            values[i] = row.value(i);
            if (values[i] == null) {
                int bit = i + 2;
                nulls[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        out.int1(0x00).bytes(nulls);
        for (int i = 0; i < types.length; i++) {
            if (values[i] != null) {
                writeBinary(out, types[i], values[i], decimals[i]);
                values[i] = null; // not kept alive until the next row
            }
        }
    }

    private static void writeBinary(PayloadWriter out, FieldType type, Object v, int decimals)
            throws SQLException {
        switch (type) {
            case TINY, SHORT, YEAR, INT24, LONG, LONGLONG -> BinaryValues.writeInteger(out, type, Values.toLong(v));
            case FLOAT -> out.int4(Float.floatToIntBits((float) Values.toDouble(v)));
            case DOUBLE -> out.int8(Double.doubleToLongBits(Values.toDouble(v)));
            case DATE -> BinaryValues.writeDate(out, Values.localDate(v));
            case DATETIME, TIMESTAMP -> BinaryValues.writeDateTime(out, Values.localDateTime(v));
            case TIME -> BinaryValues.writeTime(out, Values.localTime(v));
            case NULL -> {
                // only NULLs have the NULL type, and those are in the bitmap
            }
            default -> out.lenencBytes(Values.text(v, decimals));
        }
    }
}
