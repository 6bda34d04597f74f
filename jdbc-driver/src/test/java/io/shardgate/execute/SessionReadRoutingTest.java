package io.shardgate.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.engine.EngineSession;
import io.shardgate.engine.QueryResult;
import io.shardgate.engine.ShardgateEngine;
import io.shardgate.execute.replica.ReplicaStatus;
import io.shardgate.execute.replica.ReplicaStatus.State;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session-level switches through the engine: forcing the primary for a whole session, and read-your-writes
 * after autocommit and transactional writes (a long primary window, so the real clock cannot end it mid-test).
 */
class SessionReadRoutingTest {
    private H2Endpoints h2;
    private ShardgateEngine engine;

    @BeforeEach
    void start() throws SQLException {
        h2 = new H2Endpoints("session_routing", 2);
    }

    @AfterEach
    void stop() throws SQLException {
        if (engine != null) {
            engine.close();
        }
        h2.close();
    }

    private EngineSession session(String read) {
        engine = new ShardgateEngine(h2.config(read));
        return engine.session();
    }

    private static String site(EngineSession session) throws SQLException {
        try (QueryResult result = (QueryResult) session.execute("SELECT name FROM site")) {
            assertThat(result.rows().next()).isTrue();
            return (String) result.rows().value(0);
        }
    }

    private static List<String> sites(EngineSession session, int n) throws SQLException {
        List<String> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sites.add(site(session));
        }
        return sites;
    }

    @Test
    void theEngineChecksReplicasBeforeItsFirstStatement() throws SQLException {
        EngineSession session = session("{}");
        assertThat(engine.replicaStatus()).extracting(ReplicaStatus::state).containsOnly(State.UP);
        assertThat(sites(session, 2)).containsExactlyInAnyOrder("replica0", "replica1");
    }

    @Test
    void forcePrimarySendsEveryReadOfTheSessionToThePrimary() throws SQLException {
        EngineSession session = session("{}");
        session.setForcePrimary(true);
        assertThat(session.forcePrimary()).isTrue();
        assertThat(sites(session, 3)).containsOnly("primary");
        try (EngineSession other = engine.session()) {
            assertThat(sites(other, 2)).containsExactlyInAnyOrder("replica0", "replica1");
        }
        session.setForcePrimary(false);
        assertThat(sites(session, 2)).containsExactlyInAnyOrder("replica0", "replica1");
    }

    @Test
    void aCommittedWriteKeepsTheSessionOnThePrimary() throws SQLException {
        EngineSession session = session("{ readYourWrites: primary_window, primaryWindowMs: 600000 }");
        session.execute("BEGIN");
        session.execute("UPDATE site SET name = name");
        session.execute("ROLLBACK");
        assertThat(sites(session, 2)).containsExactlyInAnyOrder("replica0", "replica1");

        session.execute("BEGIN");
        session.execute("UPDATE site SET name = name");
        session.execute("COMMIT");
        assertThat(sites(session, 2)).containsOnly("primary");
    }

    @Test
    void anAutocommitWriteKeepsOnlyThatSessionOnThePrimary() throws SQLException {
        EngineSession session = session("{ readYourWrites: primary_window, primaryWindowMs: 600000 }");
        session.execute("UPDATE site SET name = name");
        assertThat(sites(session, 2)).containsOnly("primary");
        try (EngineSession other = engine.session()) {
            assertThat(sites(other, 2)).containsExactlyInAnyOrder("replica0", "replica1");
        }
    }
}
