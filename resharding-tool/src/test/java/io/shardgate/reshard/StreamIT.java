package io.shardgate.reshard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.shardgate.reshard.ReshardCluster.reshard;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change stream against real MariaDB binlogs: a writer inserts, updates, deletes and moves rows between the
 * source shards (as a router would for a shard-key change) while the copy runs and after it; once the writer stops
 * and the stream has caught up, the targets hold exactly what the sources imply.
 */
class StreamIT {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void targetsFollowWritesMadeDuringAndAfterTheCopy() throws Exception {
        ReshardCluster cluster = ReshardCluster.create("stream", dir);
        cluster.createOrders(ROWS);
        String meta = cluster.metaUrl();
        assertThat(reshard("plan", "--from", cluster.currentYaml.toString(), "--to", cluster.targetYaml.toString(),
                "--workflow", "live", "--meta", meta, "--no-estimates").code()).isZero();

        AtomicBoolean stop = new AtomicBoolean();
        var executor = Executors.newSingleThreadExecutor();
        Future<Integer> writer = executor.submit(() -> write(cluster, stop));
        try {
            Thread.sleep(300);
            ReshardCluster.Result first = reshard("start", "--workflow", "live", "--meta", meta, "--chunk-size",
                    "500", "--max-rows-per-second", "10000", "--until-caught-up");
            assertThat(first.code()).as(first.toString()).isZero();
            Thread.sleep(1000); // writes after the first catch-up, applied by the restarted stream below
        } finally {
            stop.set(true);
            executor.shutdown();
        }
        int operations = writer.get(30, TimeUnit.SECONDS);
        assertThat(operations).isGreaterThan(100);

        ReshardCluster.Result second = reshard("start", "--workflow", "live", "--meta", meta, "--until-caught-up");
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.out()).contains("streaming changes of ds0 from GTID", "caught up");

        ReshardCluster.Result verified = reshard("verify", "--workflow", "live", "--meta", meta, "--rechecks", "0");
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(cluster.expectedOnTarget(1) + cluster.expectedOnTarget(3)).isPositive();
        assertThat(ReshardCluster.count(cluster.target(1), "SELECT COUNT(*) FROM orders"))
                .isEqualTo(cluster.expectedOnTarget(1));
        assertThat(ReshardCluster.count(cluster.target(3), "SELECT COUNT(*) FROM orders"))
                .isEqualTo(cluster.expectedOnTarget(3));
    }

    /**
     * Random inserts, updates, deletes and moves (delete on one shard, insert under another user on the other), each
     * on the shard the current rules give the row's user, as a router would send them. Returns the operations done.
     */
    private static int write(ReshardCluster cluster, AtomicBoolean stop) throws Exception {
        Random random = new Random(42);
        Map<Long, Long> userOfId = new HashMap<>();
        for (long id = 1; id <= ROWS; id++) {
            userOfId.put(id, ReshardCluster.userOf(id));
        }
        List<Long> ids = new ArrayList<>(userOfId.keySet());
        long nextId = 1_000_000;
        int operations = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection s0 = cluster.source(0); Connection s1 = cluster.source(1)) {
            Connection[] shards = {s0, s1};
            while (!stop.get() && System.nanoTime() < deadline && operations < 50_000) {
                int choice = random.nextInt(10);
                if (choice < 4 || ids.isEmpty()) {
                    long user = ReshardCluster.userId(random.nextInt(ReshardCluster.USERS));
                    long id = nextId++;
                    insert(shards[ReshardCluster.currentShard(user)], id, user);
                    userOfId.put(id, user);
                    ids.add(id);
                } else {
                    int at = random.nextInt(ids.size());
                    long id = ids.get(at);
                    long user = userOfId.get(id);
                    Connection home = shards[ReshardCluster.currentShard(user)];
                    if (choice < 7) {
                        execute(home, "UPDATE orders SET amount = amount + 1, note = CONCAT(COALESCE(note, ''), 'u') "
                                + "WHERE id = ?", id);
                    } else if (choice < 9) {
                        execute(home, "DELETE FROM orders WHERE id = ?", id);
                        ids.set(at, ids.get(ids.size() - 1));
                        ids.remove(ids.size() - 1);
                        userOfId.remove(id);
                    } else {
                        long newUser = ReshardCluster.userId(random.nextInt(ReshardCluster.USERS));
                        execute(home, "DELETE FROM orders WHERE id = ?", id);
                        insert(shards[ReshardCluster.currentShard(newUser)], id, newUser);
                        userOfId.put(id, newUser);
                    }
                }
                operations++;
            }
        }
        return operations;
    }

    private static void insert(Connection connection, long id, long user) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id, user_id, amount, note, "
                + "created_at) VALUES (?, ?, 1.50, 'live', NOW(3))")) {
            insert.setLong(1, id);
            insert.setLong(2, user);
            insert.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql, long id) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }
}
