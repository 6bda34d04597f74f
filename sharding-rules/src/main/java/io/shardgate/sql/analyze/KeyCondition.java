package io.shardgate.sql.analyze;

import io.shardgate.config.TableRule;

import java.util.List;

/**
 * What a WHERE / ON clause says about shard keys, reduced to the forms that prune shards. Anything else is
 * {@link Any}: "could be on any shard". Pruning is conservative by construction: AND intersects, OR unites,
 * and a condition we do not understand never removes a shard.
 */
public sealed interface KeyCondition {

    KeyCondition ANY = new Any();

    record Any() implements KeyCondition {
    }

    record And(List<KeyCondition> parts) implements KeyCondition {
    }

    record Or(List<KeyCondition> parts) implements KeyCondition {
    }

    /** {@code column = value} or {@code column IN (values)}; column is shard column {@code column} of {@code rule}. */
    record In(TableRule rule, int column, List<ValueRef> values) implements KeyCondition {
    }

    /** {@code column BETWEEN / < / <= / > / >= value}; a null bound is open. */
    record Range(TableRule rule, int column, ValueRef lower, boolean lowerInclusive, ValueRef upper,
                 boolean upperInclusive) implements KeyCondition {
    }

    static KeyCondition and(List<KeyCondition> parts) {
        List<KeyCondition> useful = parts.stream().filter(p -> !(p instanceof Any)).toList();
        if (useful.isEmpty()) {
            return ANY;
        }
        return useful.size() == 1 ? useful.get(0) : new And(useful);
    }

    static KeyCondition or(List<KeyCondition> parts) {
        for (KeyCondition p : parts) {
            if (p instanceof Any) {
                return ANY;
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
    }
}
