package io.shardgate.route;

import io.shardgate.sql.StatementKind;

import java.util.List;

/**
 * A routed statement: a plain value computed before any I/O.
 *
 * @param opcode        how it was routed
 * @param kind          the statement kind
 * @param units         what to run where (empty for {@link Opcode#SESSION}, and for writes routed to no shard)
 * @param merge         how to combine the units' results
 * @param write         it changes data: run on primaries
 * @param forcePrimary  a read that must see the primary (locking read, {@code /* shardgate:primary *&#47;})
 */
public record RoutePlan(Opcode opcode, StatementKind kind, List<ExecutionUnit> units, MergePlan merge,
                        boolean write, boolean forcePrimary) {

    public RoutePlan {
        units = List.copyOf(units);
    }

    public boolean isQuery() {
        return kind == StatementKind.SELECT;
    }
}
