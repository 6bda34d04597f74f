package io.shardgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential check of the merge stage: each query runs through Shardgate over four H2 shards and directly on one
 * unsharded H2 database with the same rows; the results must agree. Every query runs twice: streaming (a
 * connection per shard) and with {@code maxConnectionsPerQuery: 2}, where shard results are read into memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergeDifferentialTest {
    private static final String[] NAMES = {"ann", "bob", "cy", "dee", "eve", "flo"};

    private H2Shards streaming;
    private H2Shards materializing;

    @BeforeAll
    void loadRows() throws SQLException {
        streaming = H2Shards.start("diff_stream", 8);
        materializing = H2Shards.start("diff_mat", 2);
        for (H2Shards shards : List.of(streaming, materializing)) {
            shards.createScores();
            try (Connection sharded = shards.connect(); Connection reference = shards.reference()) {
                insertRows(sharded);
                insertRows(reference);
            }
        }
    }

    private static void insertRows(Connection c) throws SQLException {
        Random random = new Random(42);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO scores (id, user_id, name, score, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= 300; id++) {
                insert.setLong(1, id);
                insert.setLong(2, 1 + random.nextInt(50));
                insert.setString(3, NAMES[random.nextInt(NAMES.length)]);
                if (random.nextInt(10) == 0) {
                    insert.setNull(4, Types.INTEGER);
                } else {
                    insert.setInt(4, random.nextInt(21));
                }
                if (random.nextInt(8) == 0) {
                    insert.setNull(5, Types.DECIMAL);
                } else {
                    insert.setBigDecimal(5, BigDecimal.valueOf(random.nextInt(100_000), 2));
                }
                insert.executeUpdate();
            }
        }
    }

    @AfterAll
    void close() throws SQLException {
        streaming.close();
        materializing.close();
    }

    /** Queries whose ORDER BY makes the row order total: results must be equal row by row. */
    static Stream<String> totallyOrdered() {
        return Stream.of(
                "SELECT id, user_id, score FROM scores ORDER BY id",
                "SELECT id FROM scores ORDER BY score, id",
                "SELECT id, score FROM scores ORDER BY score DESC, id LIMIT 10 OFFSET 5",
                "SELECT id, name FROM scores ORDER BY name DESC, id DESC LIMIT 7",
                "SELECT id, amount FROM scores ORDER BY amount, id LIMIT 3, 12",
                "SELECT id, score FROM scores WHERE user_id = 7 ORDER BY id",
                "SELECT id, score FROM scores WHERE user_id IN (3, 4, 5, 6) ORDER BY score DESC, id",
                "SELECT COUNT(*) FROM scores",
                "SELECT COUNT(*), COUNT(score), SUM(score), MIN(score), MAX(score), AVG(score), SUM(amount), "
                        + "AVG(amount), MIN(name), MAX(name) FROM scores",
                "SELECT name, COUNT(*), SUM(score), AVG(score), MIN(amount), MAX(amount) FROM scores "
                        + "GROUP BY name ORDER BY name",
                "SELECT name, COUNT(*) AS c FROM scores GROUP BY name ORDER BY c DESC, name",
                "SELECT score, COUNT(*), SUM(amount) FROM scores GROUP BY score ORDER BY score",
                "SELECT score, COUNT(*) FROM scores GROUP BY score ORDER BY score DESC LIMIT 4 OFFSET 2",
                "SELECT name, score, COUNT(*) FROM scores GROUP BY name, score ORDER BY name, score DESC",
                "SELECT name, AVG(amount) FROM scores GROUP BY name ORDER BY AVG(amount) DESC",
                "SELECT user_id, COUNT(*), SUM(score) FROM scores GROUP BY user_id ORDER BY user_id",
                "SELECT DISTINCT name FROM scores ORDER BY name",
                "SELECT DISTINCT name, score FROM scores ORDER BY name, score LIMIT 8 OFFSET 3",
                "SELECT id FROM scores WHERE score > 1000 ORDER BY id",
                "SELECT COUNT(*), SUM(score), AVG(score), MAX(name) FROM scores WHERE score > 1000");
    }

    /** Queries with ties or no ORDER BY: the same rows, and for ORDER BY the same sequence of sort keys. */
    static Stream<Arguments> partiallyOrdered() {
        return Stream.of(
                Arguments.of("SELECT score, id, user_id FROM scores ORDER BY score", 1),
                Arguments.of("SELECT score, id FROM scores ORDER BY score DESC", 1),
                Arguments.of("SELECT name, score, id FROM scores ORDER BY name, score DESC", -1),
                Arguments.of("SELECT id, name FROM scores", -1),
                Arguments.of("SELECT name, AVG(score), COUNT(*) FROM scores GROUP BY name", -1),
                Arguments.of("SELECT DISTINCT score FROM scores", -1));
    }

    static Stream<Arguments> withBothEngines(Stream<?> queries) {
        List<Arguments> out = new ArrayList<>();
        queries.forEach(q -> {
            Object[] args = q instanceof Arguments a ? a.get() : new Object[]{q};
            for (String mode : List.of("streaming", "materializing")) {
                Object[] withMode = new Object[args.length + 1];
                withMode[0] = mode;
                System.arraycopy(args, 0, withMode, 1, args.length);
                out.add(Arguments.of(withMode));
            }
        });
        return out.stream();
    }

    static Stream<Arguments> totallyOrderedCases() {
        return withBothEngines(totallyOrdered());
    }

    static Stream<Arguments> partiallyOrderedCases() {
        return withBothEngines(partiallyOrdered());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("totallyOrderedCases")
    void mergedResultEqualsUnshardedResult(String mode, String sql) throws SQLException {
        H2Shards shards = shards(mode);
        List<List<Object>> actual = query(shards, true, sql);
        List<List<Object>> expected = query(shards, false, sql);
        Rows.alignScales(actual, expected);
        assertThat(actual).isEqualTo(expected);
    }

    /**
     * @param keyColumns how many leading columns are the sort keys, or -1 to compare only the sets of rows
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("partiallyOrderedCases")
    void mergedResultHasTheUnshardedRowsInAnAllowedOrder(String mode, String sql, int keyColumns)
            throws SQLException {
        H2Shards shards = shards(mode);
        List<List<Object>> actual = query(shards, true, sql);
        List<List<Object>> expected = query(shards, false, sql);
        List<List<Object>> actualSorted = Rows.sorted(actual);
        List<List<Object>> expectedSorted = Rows.sorted(expected);
        Rows.alignScales(actualSorted, expectedSorted);
        assertThat(actualSorted).isEqualTo(expectedSorted);
        if (keyColumns > 0) {
            assertThat(actual.stream().map(r -> r.subList(0, keyColumns)).toList())
                    .isEqualTo(expected.stream().map(r -> r.subList(0, keyColumns)).toList());
        }
    }

    private H2Shards shards(String mode) {
        return mode.equals("streaming") ? streaming : materializing;
    }

    private static List<List<Object>> query(H2Shards shards, boolean sharded, String sql) throws SQLException {
        try (Connection c = sharded ? shards.connect() : shards.reference();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return Rows.read(rs);
        }
    }
}
