package io.shardgate.engine;

import io.shardgate.config.ConfigLoader;
import io.shardgate.execute.ParameterValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements the engine hands out as direct reads, and to which server. Planning only: nothing runs, so the
 * H2 databases behind the configuration need no tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectReadTest {
    private ShardgateEngine engine;
    private ShardgateEngine engineWithTimeout;
    /** A user_id of shard ds0 (with replicas) and one of ds1 (primary only). */
    private long onDs0;
    private long onDs1;

    @BeforeAll
    void start() throws SQLException {
        engine = new ShardgateEngine(ConfigLoader.load(yaml(""), "direct.yaml"));
        engineWithTimeout = new ShardgateEngine(ConfigLoader.load(yaml("props: { queryTimeoutMs: 5000 }"),
                "direct-timeout.yaml"));
        try (EngineSession session = engine.session()) {
            for (long id = 1; onDs0 == 0 || onDs1 == 0; id++) {
                String ds = session.directRead(POINT, params(id)).orElseThrow().dataSource();
                if (ds.equals("ds0") && onDs0 == 0) {
                    onDs0 = id;
                } else if (ds.equals("ds1") && onDs1 == 0) {
                    onDs1 = id;
                }
            }
        }
    }

    @AfterAll
    void stop() {
        engine.close();
        engineWithTimeout.close();
    }

    private static final String POINT = "SELECT name FROM scores WHERE user_id = ?";

    private static String yaml(String extra) {
        return """
                dataSources:
                  ds0:
                    primary: { url: "%s", user: sa }
                    replicas:
                      - { url: "%s", user: sa }
                      - { url: "%s", user: sa }
                  ds1: { primary: { url: "%s", user: sa } }
                tables:
                  scores: { shardKey: user_id, algorithm: hash, nodes: [ds0.scores_0, ds1.scores_1] }
                %s
                """.formatted(H2Shards.url("direct_p0"), H2Shards.url("direct_r0"), H2Shards.url("direct_r1"),
                H2Shards.url("direct_p1"), extra);
    }

    private static List<ParameterValue> params(Object... values) {
        List<ParameterValue> out = new ArrayList<>();
        for (Object v : values) {
            out.add(ParameterValue.of(v));
        }
        return out;
    }

    @Test
    void aSingleShardReadIsDirectWithItsPhysicalStatementAndParameterPositions() throws SQLException {
        try (EngineSession session = engine.session()) {
            DirectRead read = session.directRead(POINT, params(onDs1)).orElseThrow();
            assertThat(read.dataSource()).isEqualTo("ds1");
            assertThat(read.replica()).isFalse();
            assertThat(read.endpoint().url()).isEqualTo(H2Shards.url("direct_p1"));
            assertThat(read.unit().sql()).isEqualTo("SELECT name FROM scores_1 WHERE user_id = ?");
            assertThat(read.unit().paramIndexes()).containsExactly(0);
        }
    }

    @Test
    void selectStarAndOrderedLimitedReadsOfOneShardAreDirect() throws SQLException {
        try (EngineSession session = engine.session()) {
            assertThat(session.directRead("SELECT * FROM scores WHERE user_id = ?", params(onDs1))).isPresent();
            assertThat(session.directRead("SELECT name, score FROM scores WHERE user_id = ? ORDER BY score DESC "
                    + "LIMIT 1, 2", params(onDs1)).orElseThrow().unit().sql()).endsWith("LIMIT 1, 2");
        }
    }

    @Test
    void directReadsOfAShardWithReplicasTakeTheReplicasInTurn() throws SQLException {
        try (EngineSession session = engine.session()) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                DirectRead read = session.directRead(POINT, params(onDs0)).orElseThrow();
                assertThat(read.replica()).isTrue();
                urls.add(read.endpoint().url());
            }
            assertThat(urls).containsOnly(H2Shards.url("direct_r0"), H2Shards.url("direct_r1"));
            assertThat(urls.get(0)).isNotEqualTo(urls.get(1));
        }
    }

    @Test
    void hintedAndForcedReadsGoToThePrimary() throws SQLException {
        try (EngineSession session = engine.session()) {
            DirectRead hinted = session.directRead("SELECT /* shardgate:primary */ name FROM scores WHERE user_id = "
                    + onDs0, List.of()).orElseThrow();
            assertThat(hinted.replica()).isFalse();
            assertThat(hinted.endpoint().url()).isEqualTo(H2Shards.url("direct_p0"));
            session.setForcePrimary(true);
            assertThat(session.directRead(POINT, params(onDs0)).orElseThrow().replica()).isFalse();
        }
    }

    @Test
    void readsThatNeedMergingWritesAndTransactionsAreNotDirect() throws SQLException {
        try (EngineSession session = engine.session()) {
            assertThat(session.directRead("SELECT name FROM scores", List.of())).isEmpty();
            assertThat(session.directRead("SELECT name FROM scores WHERE user_id IN (?, ?)",
                    params(onDs0, onDs1))).isEmpty();
            assertThat(session.directRead("UPDATE scores SET name = 'x' WHERE user_id = ?", params(onDs1)))
                    .isEmpty();
            assertThat(session.directRead("SELECT 1", List.of())).isEmpty();
            session.begin();
            assertThat(session.directRead(POINT, params(onDs1))).isEmpty();
            session.commit();
            session.setAutoCommit(false);
            assertThat(session.directRead(POINT, params(onDs1))).isEmpty();
            session.setAutoCommit(true);
            assertThat(session.directRead(POINT, params(onDs1))).isPresent();
        }
    }

    @Test
    void aStatementThatDoesNotPlanIsLeftToExecuteToReport() throws SQLException {
        try (EngineSession session = engine.session()) {
            assertThat(session.directRead("SELECT FROM WHERE", List.of())).isEmpty();
            assertThat(session.directRead("SELECT name FROM nowhere_table WHERE user_id = 1", List.of()))
                    .isEqualTo(Optional.empty());
        }
    }

    @Test
    void anEngineQueryTimeoutKeepsReadsOnTheEngineWhichEnforcesIt() throws SQLException {
        try (EngineSession session = engineWithTimeout.session()) {
            assertThat(session.directRead(POINT, params(onDs1))).isEmpty();
        }
    }
}
