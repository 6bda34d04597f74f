package io.shardgate.proxy.protocol;

/** The first packet of a COM_STMT_PREPARE response. */
public record StmtPrepareOk(int statementId, int columns, int parameters, int warnings) {

    public byte[] encode() {
        return new PayloadWriter(12).int1(0x00).int4(statementId).int2(columns).int2(parameters).int1(0)
                .int2(warnings).toByteArray();
    }
}
