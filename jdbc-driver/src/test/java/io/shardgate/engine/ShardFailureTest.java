package io.shardgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.execute.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What a statement holds while it runs, and what it gives back when a shard fails. */
class ShardFailureTest {

    private static int activeConnections(H2Shards shards) throws SQLException {
        int active = 0;
        for (Endpoint endpoint : shards.dataSource().engine().registry().endpoints()) {
            active += endpoint.pool().getHikariPoolMXBean().getActiveConnections();
        }
        return active;
    }

    @Test
    void failureOnOneShardNamesItsDataSourceAndReleasesEveryConnection() throws SQLException {
        try (H2Shards shards = H2Shards.start("fail", 8)) {
            shards.createScores();
            try (Connection ds1 = shards.shard("ds1"); Statement s = ds1.createStatement()) {
                s.execute("DROP TABLE scores_1");
            }
            try (Connection c = shards.connect(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT id FROM scores ORDER BY id"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageStartingWith("ds1: ")
                        .hasMessageContaining("scores_1");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE scores SET score = 1"))
                        .hasMessageStartingWith("ds1: ");
            }
            assertThat(activeConnections(shards)).isZero();
        }
    }

    @Test
    void streamingQueryHoldsAConnectionPerShardUntilClosed() throws SQLException {
        try (H2Shards shards = H2Shards.start("stream", 8)) {
            shards.createScores();
            try (Connection c = shards.connect(); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT id FROM scores");
                assertThat(activeConnections(shards)).isEqualTo(4);
                rs.close();
                assertThat(activeConnections(shards)).isZero();
            }
        }
    }

    @Test
    void queryWithMoreShardsThanItsConnectionBoundReadsThemIntoMemory() throws SQLException {
        try (H2Shards shards = H2Shards.start("bounded", 2)) {
            shards.createScores();
            try (Connection c = shards.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO scores (id, user_id) VALUES (1, 1), (2, 2), (3, 3), (4, 4)");
                try (ResultSet rs = s.executeQuery("SELECT id FROM scores ORDER BY id")) {
                    assertThat(activeConnections(shards)).isZero();
                    int rows = 0;
                    while (rs.next()) {
                        assertThat(rs.getInt("id")).isEqualTo(++rows);
                    }
                    assertThat(rows).isEqualTo(4);
                }
            }
        }
    }
}
