package io.shardgate.it.firstslice;

import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;

/** The first slice against two MariaDB servers. */
class FirstSliceIT extends FirstSliceScenario {

    @Override
    DatabaseServer newServer(String name) {
        return new MariaDbServer(name);
    }

    @Override
    String currentSchemaExpression() {
        return "DATABASE()";
    }
}
