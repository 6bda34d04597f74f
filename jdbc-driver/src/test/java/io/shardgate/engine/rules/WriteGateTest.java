package io.shardgate.engine.rules;

import io.shardgate.sql.parse.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WriteGateTest {
    private static final String WRITE_ORDERS = "UPDATE orders SET amount = 1 WHERE user_id = ?";
    private final AtomicLong clock = new AtomicLong();
    private final WriteGate gate = new WriteGate(Dialect.MYSQL, clock::get, Duration.ofSeconds(30),
            Duration.ofSeconds(3));

    @Test
    void aHoldMakesNewWritesToItsTablesWaitUntilReleaseAndLetsOthersThrough() throws Exception {
        gate.track(Set.of("orders", "order_items"));
        gate.hold(Set.of("orders", "order_items"), "cutover of workflow w (attempt 1) in progress");
        assertThat(gate.drained()).isTrue();

        WriteGate.Claim other = gate.newClaim();
        other.admit(List.of("INSERT INTO customers (id) VALUES (1)"));
        other.finish();

        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> admitAndFinish(gate.newClaim(),
                "INSERT INTO `Orders` (id, user_id) VALUES (1, 2)"));
        Thread.sleep(200);
        assertThat(held).isNotDone();
        gate.release();
        held.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theDrainWaitsForWritesInFlightAndForTransactionsThatWroteUntilTheyEnd() throws Exception {
        gate.track(Set.of("orders"));
        WriteGate.Claim statement = gate.newClaim();
        WriteGate.Claim transaction = gate.newClaim();
        statement.admit(List.of(WRITE_ORDERS));
        transaction.admit(List.of("DELETE FROM orders WHERE id = 3"));
        gate.hold(Set.of("orders"), "cutover");
        assertThat(gate.drained()).isFalse();
        statement.finish();
        assertThat(gate.drained()).isFalse();

        // the transaction already wrote to orders: its next write finishes on the old layout instead of waiting
        transaction.admit(List.of(WRITE_ORDERS));
        transaction.finish();
        assertThat(gate.drained()).isTrue();
    }

    @Test
    void aClaimOpenedBeforeTheTablesWereTrackedCountsAsInFlight() throws Exception {
        WriteGate.Claim early = gate.newClaim();
        early.admit(List.of("UPDATE customers SET name = 'x' WHERE id = 1"));
        gate.track(Set.of("orders"));
        gate.hold(Set.of("orders"), "cutover");
        assertThat(gate.drained()).isFalse();
        early.finish();
        assertThat(gate.drained()).isTrue();
    }

    @Test
    void aHoldLongerThanTheMaximumFailsTheWriteNamingTheSwitch() {
        gate.track(Set.of("orders"));
        gate.hold(Set.of("orders"), "cutover of workflow w (attempt 1) in progress");
        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        WriteGate.Claim claim = gate.newClaim();
        assertThatThrownBy(() -> claim.admit(List.of(WRITE_ORDERS))).isInstanceOf(SQLTimeoutException.class)
                .hasMessageContaining("writes to orders are held: cutover of workflow w (attempt 1) in progress")
                .hasMessageContaining("not run");
        gate.release();
        assertThat(gate.drained()).isTrue();
    }

    @Test
    void aRouterThatLostTheStoreHoldsWritesToTrackedTablesUntilItHearsFromItAgain() throws Exception {
        gate.track(Set.of("orders"));
        gate.contact();
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        admitAndFinish(gate.newClaim(), "UPDATE customers SET name = 'x' WHERE id = 1");
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> admitAndFinish(gate.newClaim(),
                WRITE_ORDERS));
        Thread.sleep(200);
        assertThat(held).isNotDone();
        gate.contact();
        held.get(5, TimeUnit.SECONDS);
    }

    @Test
    void mentionsAreLexicalAndSkipCommentsAndStrings() {
        TableMentions mentions = new TableMentions(Set.of("orders"), Dialect.MYSQL);
        assertThat(mentions.in("INSERT INTO shop.orders (id) VALUES (1)")).containsExactly("orders");
        assertThat(mentions.in("/* orders */ UPDATE customers SET note = 'orders' WHERE id = 1")).isEmpty();
        assertThat(mentions.in("DELETE FROM orders_archive WHERE id = 1")).isEmpty();
        assertThat(mentions.in("INSERT INTO orders /* unterminated")).containsExactly("orders");
    }

    private static void admitAndFinish(WriteGate.Claim claim, String sql) {
        try {
            claim.admit(List.of(sql));
            claim.finish();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
