package io.shardgate.proxy.result;

import io.shardgate.execute.ColumnInfo;
import io.shardgate.proxy.protocol.ColumnDefinition41;
import io.shardgate.proxy.protocol.ColumnFlags;
import io.shardgate.proxy.protocol.FieldType;
import org.junit.jupiter.api.Test;

import java.sql.Types;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnMappingTest {

    private static ColumnDefinition41 map(int jdbcType, String typeName, int precision, int scale, boolean signed) {
        return ColumnMapping.definition(new ColumnInfo("label", "name", jdbcType, typeName, Object.class.getName(),
                precision, scale, precision, signed), "shardgate");
    }

    @Test
    void textColumnsAreUtf8AndBinaryColumnsAreBinary() {
        ColumnDefinition41 varchar = map(Types.VARCHAR, "VARCHAR", 20, 0, false);
        assertThat(varchar.type()).isEqualTo(FieldType.VAR_STRING);
        assertThat(varchar.collation()).isEqualTo(45);
        assertThat(varchar.length()).isEqualTo(80);
        assertThat(varchar.flags() & ColumnFlags.BINARY).isZero();

        ColumnDefinition41 varbinary = map(Types.VARBINARY, "VARBINARY", 16, 0, false);
        assertThat(varbinary.type()).isEqualTo(FieldType.VAR_STRING);
        assertThat(varbinary.collation()).isEqualTo(63);
        assertThat(varbinary.flags() & ColumnFlags.BINARY).isNotZero();

        ColumnDefinition41 text = map(Types.LONGVARCHAR, "TEXT", 65535, 0, false);
        assertThat(text.type()).isEqualTo(FieldType.BLOB);
        assertThat(text.collation()).isEqualTo(45);
        assertThat(text.flags() & ColumnFlags.BLOB).isNotZero();

        assertThat(map(Types.CHAR, "CHAR", 2, 0, false).type()).isEqualTo(FieldType.STRING);
        assertThat(map(Types.OTHER, "JSON", 0, 0, false).collation()).isEqualTo(45);
    }

    @Test
    void numbersCarryWidthSignAndScale() {
        assertThat(map(Types.BIGINT, "BIGINT", 19, 0, true).type()).isEqualTo(FieldType.LONGLONG);
        ColumnDefinition41 unsigned = map(Types.INTEGER, "INT UNSIGNED", 10, 0, false);
        assertThat(unsigned.type()).isEqualTo(FieldType.LONG);
        assertThat(unsigned.flags() & ColumnFlags.UNSIGNED).isNotZero();
        assertThat(unsigned.collation()).isEqualTo(63);
        assertThat(map(Types.INTEGER, "MEDIUMINT", 7, 0, true).type()).isEqualTo(FieldType.INT24);
        ColumnDefinition41 decimal = map(Types.DECIMAL, "DECIMAL", 10, 2, true);
        assertThat(decimal.type()).isEqualTo(FieldType.NEWDECIMAL);
        assertThat(decimal.decimals()).isEqualTo(2);
        assertThat(decimal.length()).isEqualTo(12);
        assertThat(map(Types.DOUBLE, "DOUBLE", 22, 0, true).decimals()).isEqualTo(0x1f);
        assertThat(map(Types.REAL, "FLOAT", 12, 0, true).type()).isEqualTo(FieldType.FLOAT);
        assertThat(map(Types.BOOLEAN, "BOOLEAN", 1, 0, true).type()).isEqualTo(FieldType.TINY);
        assertThat(map(Types.BIT, "BIT", 8, 0, false).type()).isEqualTo(FieldType.BIT);
    }

    @Test
    void temporalColumnsCarryFractionalDigits() {
        ColumnDefinition41 datetime = map(Types.TIMESTAMP, "DATETIME", 23, 3, false);
        assertThat(datetime.type()).isEqualTo(FieldType.DATETIME);
        assertThat(datetime.decimals()).isEqualTo(3);
        assertThat(datetime.length()).isEqualTo(23);
        assertThat(map(Types.TIMESTAMP, "TIMESTAMP", 19, 0, false).type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(map(Types.DATE, "DATE", 10, 0, false).type()).isEqualTo(FieldType.DATE);
        assertThat(map(Types.TIME, "TIME", 8, 9, false).decimals()).isEqualTo(6);
        assertThat(map(Types.NULL, "NULL", 0, 0, false).type()).isEqualTo(FieldType.NULL);
    }

    @Test
    void physicalNamesAreNotShown() {
        ColumnDefinition41 c = map(Types.VARCHAR, "VARCHAR", 5, 0, false);
        assertThat(c.table()).isEmpty();
        assertThat(c.orgTable()).isEmpty();
        assertThat(c.name()).isEqualTo("label");
        assertThat(c.orgName()).isEqualTo("name");
        assertThat(c.schema()).isEqualTo("shardgate");
    }
}
