package io.shardgate.it.firstslice;

import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.PostgresServer;

/** The first slice against two PostgreSQL servers. */
class FirstSlicePostgresIT extends FirstSliceScenario {

    @Override
    DatabaseServer newServer(String name) {
        return new PostgresServer(name);
    }

    @Override
    String currentSchemaExpression() {
        return "current_schema()";
    }
}
