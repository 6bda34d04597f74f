package io.shardgate.route;

import io.shardgate.config.BroadcastTable;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.rewrite.Edit;
import io.shardgate.rewrite.SqlRenderer;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.lex.SqlLexer;
import io.shardgate.sql.lex.Token;
import io.shardgate.sql.lex.TokenType;
import io.shardgate.sql.parse.Dialect;
import io.shardgate.sql.parse.PreparedText;
import io.shardgate.sql.parse.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fans table DDL ({@code CREATE/ALTER/DROP/TRUNCATE TABLE}, {@code CREATE/DROP INDEX}) out to every physical
 * table of a sharded table, or every copy of a broadcast table. Calcite does not parse MySQL DDL, so the table
 * name is found by the statement's fixed shape; foreign keys to bound tables follow the same shard.
 */
public final class DdlRouter {

    private final ShardingRules rules;
    private final Dialect dialect;

    public DdlRouter(ShardingRules rules, Dialect dialect) {
        this.rules = rules;
        this.dialect = dialect;
    }

    public RoutePlan route(PreparedText text) {
        String sql = text.original();
        List<Token> sig = SqlLexer.tokenize(sql, dialect).stream().filter(Token::isSignificant).toList();
        int nameAt = tableNameIndex(text.kind(), sql, sig);
        if (nameAt < 0 || nameAt >= sig.size()) {
            return new RoutePlan(Opcode.UNSHARDED, text.kind(),
                    List.of(Router.passThrough(rules.defaultDataSource(), text)), MergePlan.CONCAT, true, false);
        }
        int nameEnd = nameAt;
        while (nameEnd + 2 < sig.size() && sig.get(nameEnd + 1).isPunct(sql, '.')) {
            nameEnd += 2; // schema-qualified name
        }
        Token nameToken = sig.get(nameEnd);
        String table = name(sql, nameToken);
        if (text.kind() == StatementKind.DROP_TABLE && nameEnd + 1 < sig.size() && sig.get(nameEnd + 1).isPunct(sql, ',')) {
            throw new UnsupportedSqlException("DROP TABLE of several tables at once",
                    "drop the tables one statement at a time so each is routed by its own rule");
        }
        TableRule rule = rules.table(table).orElse(null);
        if (rule != null) {
            List<ExecutionUnit> units = new ArrayList<>();
            for (int s = 0; s < rule.nodes().size(); s++) {
                List<Edit> edits = new ArrayList<>();
                edits.add(Edit.replace(sig.get(nameAt).start(), nameToken.end(),
                        quoteLike(sql, nameToken, rule.nodes().get(s).physicalTable())));
                addReferenceEdits(sql, sig, nameEnd + 1, rule, s, edits);
                addIndexNameEdit(text.kind(), sql, sig, rule.nodes().get(s).physicalTable(), edits);
                edits.sort(null);
                units.add(new SqlRenderer(text, edits).render(rule.nodes().get(s).dataSource()));
            }
            return new RoutePlan(Opcode.BROADCAST, text.kind(), units, MergePlan.CONCAT, true, false);
        }
        BroadcastTable broadcast = rules.broadcast(table).orElse(null);
        if (broadcast != null) {
            List<ExecutionUnit> units = new ArrayList<>();
            for (String ds : broadcast.dataSources()) {
                units.add(Router.passThrough(ds, text));
            }
            return new RoutePlan(Opcode.BROADCAST, text.kind(), units, MergePlan.CONCAT, true, false);
        }
        return new RoutePlan(Opcode.UNSHARDED, text.kind(),
                List.of(Router.passThrough(rules.defaultDataSource(), text)), MergePlan.CONCAT, true, false);
    }

    /** Index of the first token of the table name in the statement's fixed shape, or -1. */
    private static int tableNameIndex(StatementKind kind, String sql, List<Token> sig) {
        int i;
        switch (kind) {
            case CREATE_TABLE, ALTER_TABLE, DROP_TABLE -> {
                i = indexOfWord(sql, sig, "TABLE", 0) + 1;
                if (i > 0 && i + 2 < sig.size() && sig.get(i).isWord(sql, "IF")) {
                    i += sig.get(i + 1).isWord(sql, "NOT") ? 3 : 2;
                }
                return i > 0 ? i : -1;
            }
            case TRUNCATE -> {
                return sig.size() > 1 && sig.get(1).isWord(sql, "TABLE") ? 2 : 1;
            }
            case CREATE_INDEX, DROP_INDEX -> {
                int on = indexOfWord(sql, sig, "ON", 0);
                return on < 0 ? -1 : on + 1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** {@code REFERENCES t}: a bound sharded table follows to the same shard; others must be broadcast. */
    private void addReferenceEdits(String sql, List<Token> sig, int from, TableRule rule, int shard, List<Edit> edits) {
        for (int i = from; i + 1 < sig.size(); i++) {
            if (!sig.get(i).isWord(sql, "REFERENCES")) {
                continue;
            }
            Token ref = sig.get(i + 1);
            String referenced = name(sql, ref);
            TableRule refRule = rules.table(referenced).orElse(null);
            if (refRule != null) {
                if (!rules.bound(rule.logicalTable(), referenced)) {
                    throw new UnsupportedSqlException("FOREIGN KEY from " + rule.logicalTable() + " to sharded table "
                            + referenced, "the tables are not bound, so the referenced row may be on another shard");
                }
                edits.add(Edit.replace(ref.start(), ref.end(),
                        quoteLike(sql, ref, refRule.nodes().get(shard).physicalTable())));
            } else if (rules.broadcast(referenced).isEmpty()) {
                throw new UnsupportedSqlException("FOREIGN KEY from sharded table " + rule.logicalTable()
                        + " to unsharded table " + referenced, "the referenced table must be a broadcast table");
            }
        }
    }

    /** PostgreSQL index names are per schema, so each physical table's index gets the table's name appended. */
    private void addIndexNameEdit(StatementKind kind, String sql, List<Token> sig, String physical, List<Edit> edits) {
        if (kind != StatementKind.CREATE_INDEX || dialect != Dialect.POSTGRESQL) {
            return;
        }
        int at = indexOfWord(sql, sig, "INDEX", 0) + 1;
        if (at > 0 && at < sig.size() && sig.get(at).isWord(sql, "IF")) {
            at += 3;
        }
        if (at > 0 && at < sig.size() && !sig.get(at).isWord(sql, "ON")) {
            Token idx = sig.get(at);
            edits.add(Edit.replace(idx.start(), idx.end(), quoteLike(sql, idx, name(sql, idx) + "_" + physical)));
        }
    }

    private String quoteLike(String sql, Token original, String name) {
        return original.type() == TokenType.QUOTED_IDENT ? dialect.quote(name) : name;
    }

    private String name(String sql, Token t) {
        String n = t.type() == TokenType.QUOTED_IDENT ? SqlLexer.unquote(sql, t, dialect) : t.text(sql);
        return n.toLowerCase(Locale.ROOT);
    }

    private static int indexOfWord(String sql, List<Token> sig, String word, int from) {
        for (int i = from; i < sig.size(); i++) {
            if (sig.get(i).isWord(sql, word)) {
                return i;
            }
        }
        return -1;
    }
}
