package io.shardgate.sql.analyze;

import io.shardgate.config.ShardingRules;
import io.shardgate.sql.parse.UnsupportedSqlException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

import java.util.List;
import java.util.Locale;

/**
 * {@code INSERT INTO sharded SELECT ...} is correct shard by shard only when each shard's SELECT produces rows
 * that belong to that same shard: the source is a table bound to the target, and the value inserted into the
 * target's shard key is the source's shard key. Anything else is refused.
 */
final class InsertSelectCheck {

    private final ShardingRules rules;
    private final TableRef target;
    private final List<String> columns;

    InsertSelectCheck(ShardingRules rules, TableRef target, List<String> columns) {
        this.rules = rules;
        this.target = target;
        this.columns = columns;
    }

    void check(SqlNode source) {
        if (target.rule == null) {
            return;
        }
        SqlNode query = source instanceof SqlOrderBy ob ? ob.query : source;
        String keyColumn = target.rule.shardColumns().get(0);
        int keyPos = columns.indexOf(keyColumn);
        if (!(query instanceof SqlSelect sel) || keyPos < 0 || target.rule.shardColumns().size() != 1
                || sel.getSelectList().size() <= keyPos || sel.getFrom() == null) {
            throw refusal();
        }
        SqlNode from = sel.getFrom();
        SqlNode item = sel.getSelectList().get(keyPos);
        if (item.getKind() == SqlKind.AS) {
            item = ((SqlCall) item).operand(0);
        }
        String sourceTable = singleTable(from);
        if (sourceTable == null || !(item instanceof SqlIdentifier id) || id.isStar()) {
            throw refusal();
        }
        String column = id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
        boolean sameKey = rules.table(sourceTable)
                .filter(r -> rules.bound(r.logicalTable(), target.logical))
                .map(r -> r.shardColumns().size() == 1 && r.shardColumns().get(0).equals(column))
                .orElse(false);
        if (!sameKey) {
            throw refusal();
        }
    }

    private static String singleTable(SqlNode from) {
        SqlNode f = from.getKind() == SqlKind.AS ? ((SqlCall) from).operand(0) : from;
        if (f instanceof SqlIdentifier id) {
            return id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private UnsupportedSqlException refusal() {
        return new UnsupportedSqlException("INSERT ... SELECT into sharded table " + target.logical,
                "rows would have to move between shards; it is supported only when selecting from one table bound "
                        + "to " + target.logical + " and inserting its shard key column into "
                        + target.logical + "." + target.rule.shardColumns().get(0));
    }
}
