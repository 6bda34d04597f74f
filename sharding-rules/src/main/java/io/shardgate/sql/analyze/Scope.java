package io.shardgate.sql.analyze;

import java.util.ArrayList;
import java.util.List;

/** The tables visible in one query block, with the enclosing block's for correlated references. */
final class Scope {
    final Scope parent;
    final List<TableRef> refs = new ArrayList<>();
    boolean windowFunction;

    Scope(Scope parent) {
        this.parent = parent;
    }

    TableRef byQualifier(String qualifier) {
        for (Scope s = this; s != null; s = s.parent) {
            for (TableRef r : s.refs) {
                if (qualifier.equals(r.qualifier())) {
                    return r;
                }
            }
        }
        return null;
    }
}
