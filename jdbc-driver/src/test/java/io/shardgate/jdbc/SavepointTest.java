package io.shardgate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Savepoints while a transaction has touched at most one data source, through JDBC and SQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavepointTest {
    private DropInShards shards;
    /** Order ids living on ds0 and on ds1. */
    private long onDs0;
    private long onDs0Too;
    private long onDs1;

    @BeforeAll
    void start() throws SQLException {
        shards = new DropInShards("savepoints");
        List<Long> ds0 = new ArrayList<>();
        for (long id = 1; ds0.size() < 2 || onDs1 == 0; id++) {
            if (shards.nodeFor("orders", id).dataSource().equals("ds0")) {
                ds0.add(id);
            } else if (onDs1 == 0) {
                onDs1 = id;
            }
        }
        onDs0 = ds0.get(0);
        onDs0Too = ds0.get(1);
    }

    @AfterAll
    void stop() throws SQLException {
        shards.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        shards.empty();
    }

    private static void insert(Statement s, long id) throws SQLException {
        s.executeUpdate("INSERT INTO orders (id, note) VALUES (" + id + ", 'n')");
    }

    private static List<Long> ids(Statement s) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void rollbackToASavepointOnTheOneDataSourceTouchedUndoesOnlyWhatCameAfter() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            insert(s, onDs0);
            Savepoint savepoint = c.setSavepoint();
            insert(s, onDs0Too);
            insert(s, onDs1); // a second data source after the savepoint: rolled back entirely
            c.rollback(savepoint);
            assertThat(ids(s)).containsExactly(onDs0);
            insert(s, onDs1);
            c.commit();
            assertThat(ids(s)).containsExactlyInAnyOrder(onDs0, onDs1);
            assertThat(savepoint.getSavepointId()).isEqualTo(1);
            assertThatThrownBy(savepoint::getSavepointName).hasMessageContaining("unnamed");
        }
    }

    @Test
    void savepointBeforeAnyDataSourceRollsBackEverything() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            Savepoint start = c.setSavepoint("start");
            insert(s, onDs0);
            insert(s, onDs1);
            c.rollback(start);
            assertThat(ids(s)).isEmpty();
            insert(s, onDs0Too);
            c.commit();
            assertThat(ids(s)).containsExactly(onDs0Too);
            assertThat(start.getSavepointName()).isEqualTo("start");
        }
    }

    @Test
    void savepointAfterTwoDataSourcesIsRefusedNamingThem() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            insert(s, onDs0);
            insert(s, onDs1);
            assertThatThrownBy(c::setSavepoint)
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("data sources ds0, ds1")
                    .hasMessageContaining("not be atomic");
            c.rollback();
        }
    }

    @Test
    void sqlSavepointStatementsWorkLikeTheJdbcMethods() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            insert(s, onDs0);
            s.execute("SAVEPOINT a");
            insert(s, onDs0Too);
            s.execute("SAVEPOINT `b`");
            s.execute("ROLLBACK TO SAVEPOINT a");
            assertThat(ids(s)).containsExactly(onDs0);
            assertThatThrownBy(() -> s.execute("ROLLBACK TO b"))
                    .as("savepoints after the one rolled back to are gone")
                    .hasMessageContaining("savepoint b does not exist");
            s.execute("RELEASE SAVEPOINT a");
            assertThatThrownBy(() -> s.execute("ROLLBACK TO SAVEPOINT a")).hasMessageContaining("does not exist");
            s.execute("COMMIT");
            assertThat(ids(s)).containsExactly(onDs0);
        }
    }

    @Test
    void savepointsNeedATransaction() throws SQLException {
        try (Connection c = shards.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(c::setSavepoint).hasMessageContaining("needs a transaction");
            assertThatThrownBy(() -> s.execute("SAVEPOINT x")).hasMessageContaining("autocommit is on");
            c.setAutoCommit(false);
            Savepoint savepoint = c.setSavepoint();
            c.commit();
            assertThatThrownBy(() -> c.rollback(savepoint)).hasMessageContaining("does not exist");
        }
    }
}
