package io.shardgate.proxy.protocol;

/** Ends column definitions and rows in the classic (pre DEPRECATE_EOF) result set framing. */
public record EofPacket(int warnings, int status) {

    public byte[] encode() {
        return new PayloadWriter(8).int1(0xFE).int2(warnings).int2(status).toByteArray();
    }
}
