package io.shardgate.sql;

/** What a statement is, as far as routing and session handling care. */
public enum StatementKind {
    SELECT(false), INSERT(true), REPLACE(true), UPDATE(true), DELETE(true),
    CREATE_TABLE(true), ALTER_TABLE(true), DROP_TABLE(true), TRUNCATE(true), CREATE_INDEX(true), DROP_INDEX(true),
    OTHER_DDL(true),
    BEGIN(false), COMMIT(false), ROLLBACK(false), SAVEPOINT(false), RELEASE_SAVEPOINT(false),
    ROLLBACK_TO_SAVEPOINT(false),
    SET(false), USE(false), SHOW(false), DESCRIBE(false), EXPLAIN(false), PREVIEW(false), EMPTY(false), OTHER(false);

    private final boolean writes;

    StatementKind(boolean writes) {
        this.writes = writes;
    }

    /** True for statements that change data or schema (and so go to primaries). */
    public boolean writes() {
        return writes;
    }

    public boolean isDml() {
        return this == INSERT || this == REPLACE || this == UPDATE || this == DELETE;
    }

    /** Statements parsed by Calcite and analyzed for routing. */
    public boolean isQueryOrDml() {
        return this == SELECT || isDml();
    }

    public boolean isTableDdl() {
        return this == CREATE_TABLE || this == ALTER_TABLE || this == DROP_TABLE || this == TRUNCATE
                || this == CREATE_INDEX || this == DROP_INDEX;
    }

    public boolean isTransactionControl() {
        return this == BEGIN || this == COMMIT || this == ROLLBACK || this == SAVEPOINT
                || this == RELEASE_SAVEPOINT || this == ROLLBACK_TO_SAVEPOINT;
    }
}
