package io.shardgate.sql.analyze;

import io.shardgate.config.TableRule;

/** A table in a FROM clause (or the target of DML): logical name, alias if any, and its rule if sharded. */
final class TableRef {
    final String logical;
    final String alias;
    final TableRule rule;

    TableRef(String logical, String alias, TableRule rule) {
        this.logical = logical;
        this.alias = alias;
        this.rule = rule;
    }

    /** The name columns use to qualify this table. */
    String qualifier() {
        return alias != null ? alias : logical;
    }
}
