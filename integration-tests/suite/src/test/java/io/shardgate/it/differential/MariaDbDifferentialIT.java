package io.shardgate.it.differential;

import io.shardgate.testing.MariaDbServer;
import io.shardgate.testing.MariaDbTopology;

/** The differential suite on MariaDB: GTID replicas serve the reads. */
class MariaDbDifferentialIT extends DifferentialSuite {
    MariaDbDifferentialIT() {
        super("diff", name -> MariaDbTopology.builder().name(name).replicas(1).start(),
                name -> new MariaDbServer(name).start());
    }
}
