package io.shardgate.route;

import io.shardgate.algorithm.KeyRange;
import io.shardgate.algorithm.ShardingAlgorithm;
import io.shardgate.algorithm.ShardingException;
import io.shardgate.sql.analyze.KeyCondition;
import io.shardgate.sql.analyze.ValueRef;

import java.util.BitSet;
import java.util.List;

/**
 * Evaluates a {@link KeyCondition} for one execution's values to the set of shards that may hold matching rows.
 * Conservative: a value an algorithm cannot place widens to every shard rather than guessing.
 */
final class ShardSetEvaluator {

    private ShardSetEvaluator() {
    }

    static BitSet evaluate(KeyCondition condition, List<Object> values, int shardCount) {
        if (condition instanceof KeyCondition.And and) {
            BitSet out = all(shardCount);
            for (KeyCondition part : and.parts()) {
                out.and(evaluate(part, values, shardCount));
            }
            return out;
        }
        if (condition instanceof KeyCondition.Or or) {
            BitSet out = new BitSet(shardCount);
            for (KeyCondition part : or.parts()) {
                out.or(evaluate(part, values, shardCount));
            }
            return out;
        }
        if (condition instanceof KeyCondition.In in) {
            ShardingAlgorithm algorithm = in.rule().algorithm();
            BitSet out = new BitSet(shardCount);
            for (ValueRef ref : in.values()) {
                Object v = ref.resolve(values);
                if (v == null) {
                    continue; // "= NULL" / "IN (NULL)" match no row
                }
                try {
                    out.or(algorithm.shardsForValue(in.column(), v));
                } catch (ShardingException e) {
                    return all(shardCount);
                }
            }
            return out;
        }
        if (condition instanceof KeyCondition.Range r) {
            Object lo = r.lower() == null ? null : r.lower().resolve(values);
            Object hi = r.upper() == null ? null : r.upper().resolve(values);
            if ((r.lower() != null && lo == null) || (r.upper() != null && hi == null)) {
                return new BitSet(shardCount); // comparison with NULL matches no row
            }
            try {
                return r.rule().algorithm().shardsForRange(r.column(),
                        new KeyRange(lo, r.lowerInclusive(), hi, r.upperInclusive()));
            } catch (ShardingException e) {
                return all(shardCount);
            }
        }
        return all(shardCount);
    }

    static BitSet all(int shardCount) {
        BitSet all = new BitSet(shardCount);
        all.set(0, shardCount);
        return all;
    }
}
