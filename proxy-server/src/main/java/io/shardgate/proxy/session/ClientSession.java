package io.shardgate.proxy.session;

import io.shardgate.engine.EngineSession;

import java.sql.SQLException;

/**
 * One client connection's state after authentication: its engine session (transactions), the current schema,
 * session variables and prepared statements. Used by one thread at a time: the connection's own, or the event loop
 * passing one of its reads through, handed over with each command.
 */
public final class ClientSession implements AutoCloseable {
    /** Per connection, like MySQL's default max_prepared_stmt_count spread over a few hundred clients. */
    static final int MAX_PREPARED_STATEMENTS = 1024;

    private final ProxyContext context;
    private final int connectionId;
    private final String user;
    private final String host;
    private final TlsStatus tls;
    private final EngineSession engine;
    private final SessionVariables variables;
    private final PreparedStatements statements = new PreparedStatements(MAX_PREPARED_STATEMENTS);
    private String schema;
    private long lastInsertId;
    private boolean multiStatements;

    /** A session over a plain (unencrypted) connection. */
    public ClientSession(ProxyContext context, int connectionId, String user, String host, String schema) {
        this(context, connectionId, user, host, schema, TlsStatus.NONE);
    }

    public ClientSession(ProxyContext context, int connectionId, String user, String host, String schema,
                         TlsStatus tls) {
        this.context = context;
        this.connectionId = connectionId;
        this.user = user;
        this.host = host;
        this.tls = tls;
        this.engine = context.engine().session();
        this.variables = new SessionVariables(context);
        // One logical schema exists, and statements reach it with or without USE: a client that names none is in it.
        this.schema = schema == null ? context.schema() : schema;
    }

    public ProxyContext context() {
        return context;
    }

    public int connectionId() {
        return connectionId;
    }

    public String user() {
        return user;
    }

    public String host() {
        return host;
    }

    public TlsStatus tls() {
        return tls;
    }

    public EngineSession engine() {
        return engine;
    }

    public SessionVariables variables() {
        return variables;
    }

    public PreparedStatements statements() {
        return statements;
    }

    public String schema() {
        return schema;
    }

    public void useSchema(String name) {
        if (!context.isSchema(name)) {
            throw new IllegalArgumentException("unknown schema " + name);
        }
        this.schema = context.schema();
    }

    /** The first key the last INSERT that generated one generated, as LAST_INSERT_ID() reports it. */
    public long lastInsertId() {
        return lastInsertId;
    }

    public void setLastInsertId(long id) {
        this.lastInsertId = id;
    }

    /** Whether a COM_QUERY may hold several statements: CLIENT_MULTI_STATEMENTS, or COM_SET_OPTION since. */
    public boolean multiStatements() {
        return multiStatements;
    }

    public void setMultiStatements(boolean enabled) {
        this.multiStatements = enabled;
    }

    /** The status flags OK and EOF packets carry: autocommit and whether a transaction is open. */
    public int status() {
        return context.status(engine.autoCommit(), engine.transactionOpen());
    }

    /** The idle limit between commands; a client may lower or raise it with {@code SET wait_timeout}. */
    public long idleTimeoutMillis() {
        Object seconds = variables.get("wait_timeout");
        return seconds instanceof Long s && s > 0 ? Math.multiplyExact(Math.min(s, 31_536_000L), 1000L)
                : context.idleTimeout().toMillis();
    }

    /** COM_RESET_CONNECTION: roll back, autocommit on, statements, variables and last insert id forgotten. */
    public void reset() throws SQLException {
        statements.clear();
        variables.reset();
        lastInsertId = 0;
        engine.rollback();
        engine.setAutoCommit(true);
    }

    /** Rolls back an open transaction and gives back its shard connections. */
    @Override
    public void close() throws SQLException {
        statements.clear();
        engine.close();
    }
}
