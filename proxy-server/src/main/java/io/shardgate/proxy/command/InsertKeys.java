package io.shardgate.proxy.command;

import io.shardgate.engine.ShardgateEngine;
import io.shardgate.execute.GeneratedKeyRequest;
import io.shardgate.execute.GeneratedKeys;
import io.shardgate.execute.ParameterValue;
import io.shardgate.execute.StatementOptions;
import io.shardgate.route.RoutePlan;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last insert id of OK packets, which clients read as the generated key (Connector/J's getGeneratedKeys).
 * Keys of a table with a Shardgate key generator come with every insert. AUTO_INCREMENT keys are asked of the shard
 * only for an INSERT that runs on one shard: each shard counts on its own, so the engine refuses to report keys of
 * an INSERT spread over several, and such an INSERT must still run.
 */
final class InsertKeys {
    private static final StatementOptions ASK_FOR_KEYS = new StatementOptions(0, 0, GeneratedKeyRequest.ALL, null);

    private InsertKeys() {
    }

    /** Options asking the shard for its generated keys when the statement is a single-shard INSERT. */
    static StatementOptions optionsFor(String sql, List<ParameterValue> params, ShardgateEngine engine) {
        if (!isInsert(sql)) {
            return StatementOptions.DEFAULTS;
        }
        List<Object> values = new ArrayList<>(params.size());
        for (ParameterValue p : params) {
            values.add(p.value());
        }
        try {
            RoutePlan plan = engine.plan(sql, values);
            return plan.units().size() == 1 ? ASK_FOR_KEYS : StatementOptions.DEFAULTS;
        } catch (SQLException e) {
            return StatementOptions.DEFAULTS; // running it reports the error
        }
    }

    /**
     * Whether the statement starts with INSERT or REPLACE, after blanks and comments. Every statement passes here,
     * so this is a scan of its first characters rather than a regular expression.
     */
    static boolean isInsert(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else {
                return keywordAt(sql, i, "INSERT") || keywordAt(sql, i, "REPLACE");
            }
        }
        return false;
    }

    private static boolean keywordAt(String sql, int at, String keyword) {
        int end = at + keyword.length();
        return sql.regionMatches(true, at, keyword, 0, keyword.length())
                && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_');
    }

    /** The first generated key, as MySQL's LAST_INSERT_ID() reports the first row's; 0 for none. */
    static long firstKey(GeneratedKeys keys) {
        if (keys.isEmpty() || keys.rows().get(0).length == 0) {
            return 0;
        }
        return keys.rows().get(0)[0] instanceof Number n ? n.longValue() : 0;
    }
}
