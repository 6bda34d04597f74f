package io.shardgate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Max rows, fetch size, query timeout and cancel, over 40 orders spread across four physical tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementControlTest {
    private static final String SLOW_SCATTER = "SELECT id, slow_row(100) FROM orders";
    private DropInShards shards;

    @BeforeAll
    void start() throws SQLException {
        shards = new DropInShards("control");
        for (String ds : List.of("ds0", "ds1")) {
            try (Connection c = shards.shard(ds); Statement s = c.createStatement()) {
                s.execute("CREATE ALIAS slow_row FOR 'io.shardgate.jdbc.SlowRows.pause'");
            }
        }
        try (Connection c = shards.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, note) VALUES (?, ?)")) {
            for (int id = 1; id <= 40; id++) {
                insert.setInt(1, id);
                insert.setString(2, "n" + id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO events (user_id, kind) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        }
    }

    @AfterAll
    void stop() throws SQLException {
        shards.close();
    }

    private static List<Long> ids(ResultSet rs) throws SQLException {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getLong(1));
        }
        return ids;
    }

    /** Runs a scatter query a few times: with leaked connections the six-connection pools would run dry. */
    private void poolsStillServeScatterQueries() throws SQLException {
        for (int i = 0; i < 4; i++) {
            try (Connection c = shards.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(40);
            }
        }
    }

    @Test
    void maxRowsLimitsTheMergedResult() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.setMaxRows(5);
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id DESC")) {
                assertThat(ids(rs)).containsExactly(40L, 39L, 38L, 37L, 36L);
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
                assertThat(ids(rs)).hasSize(5).doesNotHaveDuplicates();
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id LIMIT 2")) {
                assertThat(ids(rs)).containsExactly(1L, 2L);
            }
            s.setMaxRows(0);
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
                assertThat(ids(rs)).hasSize(40);
            }
        }
    }

    @Test
    void fetchSizeAcceptsPositiveSizesAndMySqlsStreamingValue() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.setFetchSize(3);
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
                assertThat(ids(rs)).hasSize(40).isSorted();
            }
            s.setFetchSize(Integer.MIN_VALUE);
            assertThat(s.getFetchSize()).isEqualTo(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
                assertThat(ids(rs)).hasSize(40);
            }
            assertThatThrownBy(() -> s.setFetchSize(-2)).hasMessageContaining("must not be negative");
        }
    }

    @Test
    void queryTimeoutStopsEveryShardStatement() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                try (ResultSet rs = s.executeQuery(SLOW_SCATTER)) {
                    ids(rs);
                }
            }).isInstanceOf(SQLTimeoutException.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("each physical table needs about one second per ten rows").isBetween(900L, 1_900L);
        }
        poolsStillServeScatterQueries();
    }

    @Test
    void cancelFromAnotherThreadStopsTheRunningShardStatements() throws Exception {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.cancel(); // nothing running: nothing happens
            long start = System.nanoTime();
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                // each shard's first row takes two seconds, so the cancel finds both shard statements executing
                // (events has one physical table per H2 database: H2 runs one statement per database at a time)
                try (ResultSet rs = s.executeQuery("SELECT event_id, slow_row(2000) FROM events")) {
                    ids(rs);
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            s.cancel();
            Throwable failure = outcome.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(failure).isInstanceOf(SQLException.class).hasMessageStartingWith("statement cancelled");
            assertThat(((SQLException) failure).getSQLState()).isEqualTo("57014");
            assertThat(millis).as("uncancelled, the first row alone takes two seconds").isLessThan(1_800);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the statement is usable after a cancel").isEqualTo(40);
            }
        }
        poolsStillServeScatterQueries();
    }
}
