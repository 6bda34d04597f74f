package io.shardgate.sql.analyze;

import io.shardgate.config.TableRule;
import io.shardgate.sql.StatementKind;
import io.shardgate.sql.parse.PreparedText;

import java.util.List;

/**
 * Everything routing needs to know about one statement shape, in cache-key coordinates, valid for every
 * statement that normalizes to the same key under the same rules version.
 *
 * @param kind             statement kind
 * @param flags            MySQL-only clauses and hints found by the pre-classifier
 * @param tables           every logical table named, in order of first appearance (lower case)
 * @param shardedRules     rules of the sharded tables named (all bound to each other)
 * @param occurrences      spans to rename to physical names
 * @param condition        what WHERE/ON say about shard keys
 * @param insert           shape of INSERT ... VALUES, else null
 * @param select           shape of a SELECT for merging, else null
 * @param mainSharded      the outermost query block (or DML target) names a sharded table, so {@code condition}
 *                         constrains where the statement runs
 * @param subqueryConditions each subquery (or UNION part) touching sharded tables, with its own key condition
 * @param writes           the statement changes data
 */
public record StatementAnalysis(StatementKind kind, PreparedText.Flags flags, List<String> tables,
                               List<TableRule> shardedRules, List<TableOccurrence> occurrences,
                               KeyCondition condition, boolean mainSharded, InsertShape insert,
                               SelectShape select, List<KeyCondition> subqueryConditions, boolean writes) {
}
