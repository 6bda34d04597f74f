package io.shardgate.proxy.protocol;

/** Success of a command that returns no rows: affected rows, last insert id, status flags, warnings, info. */
public record OkPacket(long affectedRows, long lastInsertId, int status, int warnings, String info) {

    public static OkPacket of(int status) {
        return new OkPacket(0, 0, status, 0, "");
    }

    public byte[] encode() {
        PayloadWriter w = new PayloadWriter(32).int1(0x00).lenencInt(affectedRows).lenencInt(lastInsertId)
                .int2(status).int2(warnings);
        if (!info.isEmpty()) {
            w.restString(info);
        }
        return w.toByteArray();
    }
}
