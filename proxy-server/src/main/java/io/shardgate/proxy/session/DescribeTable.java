package io.shardgate.proxy.session;

import io.shardgate.config.DataNode;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.engine.StatementResult;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code DESCRIBE t}, {@code DESC t} and {@code SHOW COLUMNS FROM t}: the columns of a logical table, as its
 * representative physical table has them (a sharded table's first node, a broadcast table's copy on its first data
 * source, a table no rule names on the default data source), asked of that data source's primary. The rules are
 * read from the engine on every statement, so after a resharding switch the answer comes from the layout the
 * engine serves now. MySQL-family shards only: PostgreSQL has no SHOW COLUMNS, and the engine refuses the
 * statement there as before.
 */
final class DescribeTable {
    /** MySQL's columns of DESCRIBE; a shard that returns fewer (H2 has no Extra) gets the rest empty. */
    private static final List<String> LABELS = List.of("Field", "Type", "Null", "Key", "Default", "Extra");
    private static final String TABLE_NOT_FOUND = "42S02";
    /** ER_NO_SUCH_TABLE. */
    private static final int NO_SUCH_TABLE = 1146;

    private DescribeTable() {
    }

    /** {@code DESC[RIBE] [schema.]table}; empty for other forms (a column filter, {@code DESCRIBE SELECT}). */
    static Optional<StatementResult> describe(String sql, List<Token> tokens, ClientSession session)
            throws SQLException {
        List<Token> name = tokens.subList(1, tokens.size());
        if (!isTableName(sql, name)) {
            return Optional.empty();
        }
        return columns(sql, name, column -> true, session);
    }

    /**
     * {@code SHOW COLUMNS|FIELDS FROM|IN [schema.]table [FROM|IN schema] [LIKE 'pattern']}, the tokens after
     * {@code COLUMNS}; empty for other forms (a WHERE filter).
     */
    static Optional<StatementResult> showColumns(String sql, List<Token> rest, ClientSession session)
            throws SQLException {
        if (rest.isEmpty() || !isFromOrIn(sql, rest.get(0))) {
            return Optional.empty();
        }
        int end = 1;
        while (end < rest.size() && !isFromOrIn(sql, rest.get(end)) && !rest.get(end).isWord(sql, "LIKE")
                && !rest.get(end).isWord(sql, "WHERE")) {
            end++;
        }
        List<Token> name = rest.subList(1, end);
        if (!isTableName(sql, name)) {
            return Optional.empty();
        }
        List<Token> filter = rest.subList(end, rest.size());
        if (!filter.isEmpty() && isFromOrIn(sql, filter.get(0))) {
            if (filter.size() < 2 || !session.context().isSchema(LocalStatements.name(sql, filter.get(1)))) {
                return Optional.empty(); // the engine refuses SHOW on other schemas by name
            }
            filter = filter.subList(2, filter.size());
        }
        Optional<Predicate<String>> like = ShowStatements.filter(sql, filter);
        if (like.isEmpty()) {
            return Optional.empty();
        }
        return columns(sql, name, like.get(), session);
    }

    private static boolean isFromOrIn(String sql, Token token) {
        return token.isWord(sql, "FROM") || token.isWord(sql, "IN");
    }

    /** {@code table} or {@code schema.table}, each a plain or quoted identifier. */
    private static boolean isTableName(String sql, List<Token> name) {
        return (name.size() == 1 && isIdentifier(name.get(0)))
                || (name.size() == 3 && isIdentifier(name.get(0)) && name.get(1).isPunct(sql, '.')
                && isIdentifier(name.get(2)));
    }

    private static boolean isIdentifier(Token token) {
        return token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENT;
    }

    private static Optional<StatementResult> columns(String sql, List<Token> name, Predicate<String> fieldFilter,
                                                     ClientSession session) throws SQLException {
        ShardgateEngine engine = session.context().engine();
        if (engine.dialect() == Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        if (name.size() == 3 && !session.context().isSchema(LocalStatements.name(sql, name.get(0)))) {
            return Optional.empty(); // the engine refuses other schemas by name
        }
        String table = LocalStatements.name(sql, name.get(name.size() - 1));
        DataNode node = engine.config().rules().representative(table);
        List<Object[]> rows = new ArrayList<>();
        boolean exists = false;
        try (Connection connection = engine.primaryConnection(node.dataSource());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW COLUMNS FROM " + Dialect.MYSQL.quote(node.physicalTable()))) {
            int width = Math.min(rs.getMetaData().getColumnCount(), LABELS.size());
            while (rs.next()) {
                exists = true;
                Object[] row = new Object[LABELS.size()];
                for (int c = 0; c < LABELS.size(); c++) {
                    row[c] = c < width ? rs.getString(c + 1) : "";
                }
                if (fieldFilter.test((String) row[0])) {
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            if (TABLE_NOT_FOUND.equals(e.getSQLState()) || e.getErrorCode() == NO_SUCH_TABLE) {
                throw noSuchTable(session, table);
            }
            throw e;
        }
        if (!exists) {
            throw noSuchTable(session, table); // H2 answers SHOW COLUMNS of a missing table with no rows
        }
        return Optional.of(LocalResult.of(LABELS, rows));
    }

    /** The shard names its physical table; the client asked for the logical one. */
    private static SQLException noSuchTable(ClientSession session, String table) {
        return new SQLException("Table '" + session.context().schema() + "." + table + "' doesn't exist",
                TABLE_NOT_FOUND, NO_SUCH_TABLE);
    }
}
