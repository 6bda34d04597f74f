package io.shardgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardgate.execute.Endpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionTest {
    private H2Shards shards;

    @BeforeAll
    void start() throws SQLException {
        shards = H2Shards.start("tx", 8);
        shards.createScores();
    }

    @AfterAll
    void stop() throws SQLException {
        shards.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM scores");
        }
    }

    /** Rows for users 1..20, which the hash spreads over all four physical tables. */
    private static void insertTwentyUsers(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO scores (id, user_id) VALUES (?, ?)")) {
            for (int user = 1; user <= 20; user++) {
                insert.setInt(1, user);
                insert.setInt(2, user);
                insert.executeUpdate();
            }
        }
    }

    private long countThroughShardgate(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM scores")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long countInPhysicalTables() throws SQLException {
        long total = 0;
        for (String ds : new String[]{"ds0", "ds1"}) {
            try (Connection c = shards.shard(ds); Statement s = c.createStatement()) {
                for (String table : new String[]{"scores_0", "scores_1"}) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("%s.%s", ds, table).isLessThan(20);
                        total += rs.getLong(1);
                    }
                }
            }
        }
        return total;
    }

    private int activeConnections() throws SQLException {
        int active = 0;
        for (Endpoint endpoint : shards.dataSource().engine().registry().endpoints()) {
            active += endpoint.pool().getHikariPoolMXBean().getActiveConnections();
        }
        return active;
    }

    @Test
    void rollbackUndoesWritesOnEveryShard() throws SQLException {
        try (Connection tx = shards.connect(); Connection other = shards.connect()) {
            tx.setAutoCommit(false);
            insertTwentyUsers(tx);
            assertThat(countThroughShardgate(tx)).as("own writes").isEqualTo(20);
            assertThat(countThroughShardgate(other)).as("others' view").isZero();
            assertThat(activeConnections()).as("one held connection per data source").isEqualTo(2);
            tx.rollback();
            assertThat(activeConnections()).isZero();
            assertThat(countThroughShardgate(tx)).isZero();
        }
        assertThat(countInPhysicalTables()).isZero();
    }

    @Test
    void commitMakesWritesOnEveryShardVisible() throws SQLException {
        try (Connection tx = shards.connect(); Connection other = shards.connect()) {
            tx.setAutoCommit(false);
            insertTwentyUsers(tx);
            tx.commit();
            assertThat(countThroughShardgate(other)).isEqualTo(20);
        }
        assertThat(countInPhysicalTables()).isEqualTo(20);
    }

    @Test
    void sqlBeginAndRollbackBracketATransactionInAutocommitMode() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            insertTwentyUsers(c);
            s.execute("ROLLBACK");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(countThroughShardgate(c)).isZero();

            s.execute("START TRANSACTION");
            insertTwentyUsers(c);
            s.execute("COMMIT");
            s.executeUpdate("INSERT INTO scores (id, user_id) VALUES (100, 100)"); // autocommitted again
        }
        assertThat(countInPhysicalTables()).isEqualTo(21);
    }

    @Test
    void switchingAutocommitOnCommits() throws SQLException {
        try (Connection c = shards.connect()) {
            c.setAutoCommit(false);
            insertTwentyUsers(c);
            c.setAutoCommit(true);
        }
        assertThat(countInPhysicalTables()).isEqualTo(20);
    }

    @Test
    void closingTheConnectionRollsBackAndReturnsShardConnections() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.execute("SET autocommit = 0");
            insertTwentyUsers(c);
        }
        assertThat(activeConnections()).isZero();
        assertThat(countInPhysicalTables()).isZero();
    }
}
