package io.shardgate.it.differential;

import io.shardgate.testing.PostgresServer;
import io.shardgate.testing.PostgresTopology;

/** The differential suite on PostgreSQL: streaming replicas serve the reads. */
class PostgresDifferentialIT extends DifferentialSuite {
    PostgresDifferentialIT() {
        super("pgdiff", name -> PostgresTopology.builder().name(name).replicas(1).start(),
                name -> new PostgresServer(name).start());
    }
}
