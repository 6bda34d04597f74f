package io.shardgate.proxy.protocol;

/**
 * One result column as MySQL describes it. {@code length} is the maximum width in bytes of the column's
 * character set (clients size buffers and the mysql CLI pads by it); {@code decimals} is the scale, 0x1f for
 * floating point of unknown scale.
 */
public record ColumnDefinition41(String schema, String table, String orgTable, String name, String orgName,
                                 int collation, long length, FieldType type, int flags, int decimals) {

    /** The "def" catalog every MySQL server reports. */
    private static final String CATALOG = "def";

    public byte[] encode() {
        return write(new PayloadWriter(64 + name.length() * 2)).toByteArray();
    }

    /**
     * The COM_FIELD_LIST form: the same fields followed by the column default. The proxy does not know defaults
     * (the shards do), and a NULL default is what clients show for "unknown".
     */
    public byte[] encodeForFieldList() {
        return write(new PayloadWriter(64 + name.length() * 2)).nullValue().toByteArray();
    }

    private PayloadWriter write(PayloadWriter w) {
        return w.lenencString(CATALOG)
                .lenencString(schema)
                .lenencString(table)
                .lenencString(orgTable)
                .lenencString(name)
                .lenencString(orgName)
                .lenencInt(0x0c)
                .int2(collation)
                .int4(length)
                .int1(type.code())
                .int2(flags)
                .int1(decimals)
                .zeros(2);
    }
}
