package io.shardgate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.config.DataNode;
import io.shardgate.keygen.SnowflakeKeyGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Key-generator columns filled in by Shardgate, and database-generated keys passed through from one shard. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedKeysTest {
    private DropInShards shards;

    @BeforeAll
    void start() throws SQLException {
        shards = new DropInShards("keys");
    }

    @AfterAll
    void stop() throws SQLException {
        shards.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        shards.empty();
    }

    private static List<Long> keys(Statement statement) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (ResultSet rs = statement.getGeneratedKeys()) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
        }
        return keys;
    }

    @Test
    void insertWithoutTheKeyIsRoutedByTheGeneratedKey() throws SQLException {
        List<Long> generated = new ArrayList<>();
        try (Connection c = shards.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (user_id, note) VALUES (?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < 40; i++) {
                insert.setLong(1, i);
                insert.setString(2, "order " + i);
                assertThat(insert.executeUpdate()).isEqualTo(1);
                List<Long> keys = keys(insert);
                assertThat(keys).hasSize(1);
                generated.add(keys.get(0));
            }
        }
        Set<String> tablesUsed = new HashSet<>();
        for (int i = 0; i < generated.size(); i++) {
            long key = generated.get(i);
            assertThat(SnowflakeKeyGenerator.workerOf(key)).isEqualTo(42);
            DataNode node = shards.nodeFor("orders", key);
            assertThat(shards.physical(node, "note", "id = " + key)).as("row %d in %s", i, node)
                    .containsExactly("order " + i);
            tablesUsed.add(node.toString());
        }
        assertThat(tablesUsed).as("keys spread over the physical tables").hasSize(4);
        assertThat(generated).isSorted();
    }

    @Test
    void multiRowInsertGetsOneKeyPerRowInRowOrderEachOnItsShard() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO orders (note, user_id) VALUES ('a', 1), ('b', 2), ('c', 3), "
                    + "('d', 4), ('e', 5), ('f', 6)")).isEqualTo(6);
            List<Long> keys = keys(s);
            assertThat(keys).hasSize(6).isSorted().doesNotHaveDuplicates();
            String[] notes = {"a", "b", "c", "d", "e", "f"};
            for (int row = 0; row < keys.size(); row++) {
                assertThat(shards.physical(shards.nodeFor("orders", keys.get(row)), "note", "id = " + keys.get(row)))
                        .containsExactly(notes[row]);
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
                List<Long> read = new ArrayList<>();
                while (rs.next()) {
                    read.add(rs.getLong(1));
                }
                assertThat(read).isEqualTo(keys);
            }
        }
    }

    @Test
    void generatedColumnOtherThanTheShardKeyIsFilledInToo() throws SQLException {
        try (Connection c = shards.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO events (user_id, kind) VALUES (?, ?)",
                     new String[]{"event_id"})) {
            insert.setLong(1, 7);
            insert.setString(2, "login");
            insert.executeUpdate();
            try (ResultSet rs = insert.getGeneratedKeys()) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("event_id");
                assertThat(rs.next()).isTrue();
                long key = rs.getLong("event_id");
                assertThat(shards.physical(shards.nodeFor("events", 7L), "event_id", "user_id = 7"))
                        .containsExactly(key);
            }
        }
    }

    @Test
    void databaseGeneratedKeysComeFromTheOneShardTheInsertRanOn() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO settings (name) VALUES ('first')", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).containsExactly(1L);
            s.executeUpdate("INSERT INTO settings (name) VALUES ('second')", new String[]{"id"});
            assertThat(keys(s)).containsExactly(2L);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO events (event_id, user_id, kind) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, 500);
                insert.setLong(2, 3);
                insert.setString(3, "x");
                insert.executeUpdate();
                try (ResultSet rs = insert.getGeneratedKeys()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(
                            shards.physical(shards.nodeFor("events", 3L), "seq", "event_id = 500").get(0));
                }
            }
        }
    }

    @Test
    void databaseGeneratedKeysOfAnInsertOnSeveralShardsAreRefusedBeforeItRuns() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            String insert = "INSERT INTO events (event_id, user_id, kind) VALUES (1, 1, 'a'), (2, 2, 'b'), "
                    + "(3, 3, 'c'), (4, 4, 'd')";
            assertThatThrownBy(() -> s.executeUpdate(insert, Statement.RETURN_GENERATED_KEYS))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("database-generated keys of an INSERT that runs on 2 shards")
                    .hasMessageContaining("keyGenerator");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            assertThat(s.executeUpdate(insert)).as("without asking for keys it runs").isEqualTo(4);
            assertThat(keys(s)).isEmpty();
        }
    }

    @Test
    void keysAreReturnedForBatchesInEntryOrder() throws SQLException {
        try (Connection c = shards.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (user_id, note) VALUES (?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < 10; i++) {
                insert.setLong(1, 100 + i);
                insert.setString(2, "batch " + i);
                insert.addBatch();
            }
            assertThat(insert.executeBatch()).containsOnly(1).hasSize(10);
            List<Long> keys = keys(insert);
            assertThat(keys).hasSize(10).isSorted();
            for (int i = 0; i < keys.size(); i++) {
                assertThat(shards.physical(shards.nodeFor("orders", keys.get(i)), "note", "id = " + keys.get(i)))
                        .containsExactly("batch " + i);
            }
        }
    }

    @Test
    void statementsGeneratingNothingHaveNoKeys() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO orders (id, note) VALUES (5, 'given')");
            assertThat(keys(s)).isEmpty();
            s.executeUpdate("UPDATE orders SET note = 'x' WHERE id = 5");
            assertThat(keys(s)).isEmpty();
            s.executeUpdate("INSERT INTO orders (note) VALUES ('generated')");
            assertThat(keys(s)).hasSize(1);
            try (ResultSet rs = s.executeQuery("SELECT note FROM orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(keys(s)).as("a query clears the last write's keys").isEmpty();
            }
        }
    }
}
