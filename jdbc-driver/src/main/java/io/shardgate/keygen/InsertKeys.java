package io.shardgate.keygen;

import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.execute.ParameterValue;
import io.shardgate.planner.QueryPlanner;
import io.shardgate.rewrite.GeneratedKeyInsert;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills in key-generator columns before planning: an INSERT that omits its table's {@code keyGenerator} column
 * gets the column and a fresh key per row, bound as parameters, so it then routes on those keys like on any value
 * the application gave. Statements on configurations without key generators are not looked at.
 */
public final class InsertKeys {
    private final QueryPlanner planner;
    private final SnowflakeKeyGenerator generator;
    private final boolean anyKeyGenerator;

    public InsertKeys(QueryPlanner planner, SnowflakeKeyGenerator generator) {
        this.planner = planner;
        this.generator = generator;
        this.anyKeyGenerator = hasKeyGenerator(planner.rules());
    }

    private static boolean hasKeyGenerator(ShardingRules rules) {
        for (TableRule rule : rules.tables().values()) {
            if (rule.keyGenerator() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The statement with generated keys added, or null when it omits no key-generator column. Planner errors are
     * thrown as the planner's runtime exceptions, as {@link QueryPlanner#plan} would throw them.
     */
    public KeyedInsert addKeys(String sql, List<ParameterValue> params) throws SQLException {
        if (!anyKeyGenerator) {
            return null;
        }
        GeneratedKeyInsert insert = planner.generatedKeyInsert(sql);
        if (insert == null) {
            return null;
        }
        long[] keys = new long[insert.rowCount()];
        List<ParameterValue> keyValues = new ArrayList<>(keys.length);
        for (int row = 0; row < keys.length; row++) {
            keys[row] = generator.next();
            keyValues.add(ParameterValue.of(ParameterValue.Setter.LONG, keys[row]));
        }
        return new KeyedInsert(insert.sql(), insert.parameters(params, keyValues), insert.column(), keys);
    }

    /**
     * An INSERT with its generated keys in place.
     *
     * @param sql    the statement with the generated column added
     * @param params its parameters, the keys included
     * @param column the generated column
     * @param keys   the key of each row, in row order
     */
    public record KeyedInsert(String sql, List<ParameterValue> params, String column, long[] keys) {
    }
}
