package io.shardgate.proxy.session;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A client's prepared statements by id. Ids are per connection, as in MySQL; the count is bounded so a client
 * that prepares in a loop without closing cannot exhaust the proxy's memory.
 */
public final class PreparedStatements {
    /** ER_MAX_PREPARED_STMT_COUNT_REACHED. */
    static final int TOO_MANY = 1461;

    private final int limit;
    private final Map<Integer, PreparedStatement> byId = new HashMap<>();
    private int nextId = 1;

    public PreparedStatements(int limit) {
        this.limit = limit;
    }

    public PreparedStatement add(String sql, int parameterCount) throws SQLException {
        if (byId.size() >= limit) {
            throw new SQLException("Can't create more than max_prepared_stmt_count statements (current value: "
                    + limit + ")", "42000", TOO_MANY);
        }
        int id = nextId;
        nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
        PreparedStatement statement = new PreparedStatement(id, sql, parameterCount);
        byId.put(id, statement);
        return statement;
    }

    /** The statement, or null for an id this client does not hold. */
    public PreparedStatement get(int id) {
        return byId.get(id);
    }

    public void remove(int id) {
        byId.remove(id);
    }

    public void clear() {
        byId.clear();
    }
}
