package io.shardgate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Batches: one JDBC batch per data source, counts per entry in the order the application added them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchTest {
    private DropInShards shards;

    @BeforeAll
    void start() throws SQLException {
        shards = new DropInShards("batch");
    }

    @AfterAll
    void stop() throws SQLException {
        shards.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        shards.empty();
    }

    private static List<String> notes(Connection c) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT note FROM orders ORDER BY id")) {
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
        }
        return notes;
    }

    @Test
    void preparedBatchSpreadsOverShardsAndCountsEachEntry() throws SQLException {
        try (Connection c = shards.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, note) VALUES (?, ?)")) {
            for (int id = 1; id <= 20; id++) {
                insert.setInt(1, id);
                insert.setString(2, "n" + id);
                insert.addBatch();
            }
            assertThat(insert.executeBatch()).hasSize(20).containsOnly(1);
            for (int id = 1; id <= 20; id++) {
                assertThat(shards.physical(shards.nodeFor("orders", (long) id), "note", "id = " + id))
                        .containsExactly("n" + id);
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE orders SET note = ? WHERE id <= ?")) {
                update.setString(1, "low");
                update.setInt(2, 5);
                update.addBatch();
                update.setString(1, "none");
                update.setInt(2, 0);
                update.addBatch();
                update.setString(1, "all");
                update.setInt(2, 100);
                update.addBatch();
                assertThat(update.executeLargeBatch()).containsExactly(5, 0, 20);
            }
            assertThat(notes(c)).containsOnly("all");
        }
    }

    @Test
    void statementBatchKeepsTheOrderOfDependentStatementsOnEachShard() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO orders (id, note) VALUES (1, 'new')");
            s.addBatch("UPDATE orders SET note = 'updated' WHERE id = 1");
            s.addBatch("INSERT INTO orders (id, note) VALUES (2, 'x'), (3, 'y'), (4, 'z')");
            s.addBatch("DELETE FROM orders WHERE id = 3");
            s.addBatch("INSERT INTO orders (note) VALUES ('generated')");
            s.addBatch("INSERT INTO settings (name) VALUES ('unsharded')");
            assertThat(s.executeBatch()).containsExactly(1, 1, 3, 1, 1, 1);
            assertThat(notes(c)).containsExactlyInAnyOrder("updated", "x", "z", "generated");
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).as("the generated order id").isTrue();
                assertThat(keys.next()).isFalse();
            }
            s.clearBatch();
            assertThat(s.executeBatch()).isEmpty();
        }
    }

    @Test
    void failedEntryIsReportedWithEveryOtherEntrysOutcome() throws SQLException {
        long sameTable = -1; // another id living in the same physical table as id 1
        long otherDataSource = -1;
        for (long id = 2; sameTable < 0 || otherDataSource < 0; id++) {
            if (sameTable < 0 && shards.nodeFor("orders", id).equals(shards.nodeFor("orders", 1L))) {
                sameTable = id;
            }
            if (otherDataSource < 0 && !shards.nodeFor("orders", id).dataSource()
                    .equals(shards.nodeFor("orders", 1L).dataSource())) {
                otherDataSource = id;
            }
        }
        long[] ids = {otherDataSource, 1, sameTable};
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO orders (id, note) VALUES (1, 'existing')");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, note) VALUES (?, 'b')")) {
                for (long id : ids) {
                    insert.setLong(1, id);
                    insert.addBatch();
                }
                BatchUpdateException failure = (BatchUpdateException) catchThrowable(insert::executeBatch);
                assertThat(failure.getMessage()).startsWith("batch entry 2 failed: ds");
                long[] counts = failure.getLargeUpdateCounts();
                assertThat(counts[0]).as("the other data source's entry ran").isEqualTo(1);
                assertThat(counts[1]).isEqualTo(Statement.EXECUTE_FAILED);
                // whether the shard driver went on after the failure within its JDBC batch, the count says so
                boolean thirdStored = !shards.physical(shards.nodeFor("orders", ids[2]), "id", "id = " + ids[2])
                        .isEmpty();
                assertThat(counts[2]).isEqualTo(thirdStored ? 1 : Statement.EXECUTE_FAILED);
            }
            assertThat(shards.physical(shards.nodeFor("orders", 1L), "note", "id = 1")).containsExactly("existing");
        }
    }

    @Test
    void batchesRefuseQueriesAndSessionStatementsBeforeRunningAnything() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO orders (id, note) VALUES (1, 'a')");
            s.addBatch("SELECT * FROM orders");
            assertThatThrownBy(s::executeBatch)
                    .isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                        assertThat(e.getMessage()).contains("batch entry 2 cannot run, so no entry ran")
                                .contains("returns rows");
                        assertThat(e.getUpdateCounts()).isEmpty();
                    });
            s.addBatch("COMMIT");
            assertThatThrownBy(s::executeBatch).hasMessageContaining("commit statements in a batch");
            assertThat(notes(c)).isEmpty();
        }
    }

    @Test
    void batchInATransactionCommitsOrRollsBackWithIt() throws SQLException {
        try (Connection c = shards.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, note) VALUES (?, 'tx')")) {
                for (int id = 1; id <= 8; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            assertThat(notes(c)).hasSize(8);
            c.rollback();
            assertThat(notes(c)).isEmpty();
        }
    }
}
