package io.shardgate.proxy.server;

import io.shardgate.engine.ShardgateEngine;
import io.shardgate.proxy.H2Engines;
import io.shardgate.proxy.codec.ProtocolException;
import io.shardgate.proxy.protocol.PayloadReader;
import io.shardgate.proxy.protocol.ServerStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.shardgate.proxy.server.RawClient.errorCode;
import static io.shardgate.proxy.server.RawClient.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * COM_QUERY holding several statements, over raw packets: refused until multi-statements are on, then each
 * statement's own answer with MORE_RESULTS_EXISTS on all but the last, and the first error ending the query.
 */
class MultiStatementQueryTest {
    static ShardgateEngine engine;
    static ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = H2Engines.withOrders();
        server = new ProxyServer(engine, ServerSettings.defaults().withPort(0)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        engine.close();
    }

    private record Ok(long affectedRows, long lastInsertId, int status) {
    }

    private record Rows(List<List<String>> rows, int columnsEofStatus, int status) {
    }

    private static Ok ok(byte[] packet) throws ProtocolException {
        assertThat(packet[0]).as("OK packet, got: " + text(packet)).isZero();
        PayloadReader in = new PayloadReader(packet);
        in.int1();
        return new Ok(in.lenencInt(), in.lenencInt(), in.int2());
    }

    /** A text result set whose column count packet is {@code first}: its rows and the flags of both EOFs. */
    private static Rows rows(RawClient client, byte[] first) throws IOException {
        assertThat(errorCode(first)).as("a result set, got: " + text(first)).isZero();
        int columns = (int) new PayloadReader(first).lenencInt();
        List<byte[]> definitions = client.untilEof();
        assertThat(definitions).hasSize(columns + 1);
        List<byte[]> packets = client.untilEof();
        List<List<String>> rows = new ArrayList<>();
        for (byte[] packet : packets.subList(0, packets.size() - 1)) {
            PayloadReader row = new PayloadReader(packet);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                values.add(row.lenencString());
            }
            rows.add(values);
        }
        return new Rows(rows, eofStatus(definitions.get(columns)), eofStatus(packets.get(packets.size() - 1)));
    }

    private static int eofStatus(byte[] eof) throws ProtocolException {
        assertThat(eof[0] & 0xFF).as("EOF packet, got: " + text(eof)).isEqualTo(0xFE);
        PayloadReader in = new PayloadReader(eof);
        in.skip(3);
        return in.int2();
    }

    private static boolean more(int status) {
        return (status & ServerStatus.MORE_RESULTS_EXISTS) != 0;
    }

    private static void setMultiStatements(RawClient client, boolean on) throws IOException {
        byte[] eof = client.command(new byte[] {0x1b, (byte) (on ? 0 : 1), 0});
        assertThat(eof[0] & 0xFF).isEqualTo(0xFE);
        assertThat(more(eofStatus(eof))).isFalse();
    }

    @Test
    void severalStatementsAreRefusedWithSyntaxErrorUntilSetOptionTurnsThemOn() throws IOException {
        try (RawClient client = RawClient.loggedIn(server.port())) {
            byte[] refused = client.command(0x03, "SELECT 1;\n SELECT 2");
            assertThat(errorCode(refused)).isEqualTo(1064);
            assertThat(text(refused)).contains("#42000", "near 'SELECT 2' at line 2", "allowMultiQueries");

            byte[] single = client.command(0x03, "SELECT 1; -- a trailing semicolon and comment are one statement");
            assertThat(rows(client, single).rows()).containsExactly(List.of("1"));

            setMultiStatements(client, true);
            Rows first = rows(client, client.command(0x03, "SELECT 1; SELECT 2"));
            assertThat(first.rows()).containsExactly(List.of("1"));
            assertThat(more(first.columnsEofStatus())).isTrue();
            assertThat(more(first.status())).isTrue();
            Rows second = rows(client, client.next());
            assertThat(second.rows()).containsExactly(List.of("2"));
            assertThat(more(second.status())).isFalse();

            setMultiStatements(client, false);
            assertThat(errorCode(client.command(0x03, "SELECT 1; SELECT 2"))).isEqualTo(1064);
            assertThat(ok(client.command(0x0e, "")).status() & ServerStatus.MORE_RESULTS_EXISTS).isZero();

            byte[] unknownOption = client.command(new byte[] {0x1b, 7, 0});
            assertThat(errorCode(unknownOption)).isEqualTo(1047);
            assertThat(text(unknownOption)).contains("0 turns multi-statements on");
            assertThat(errorCode(client.command(0x03, "SELECT 1; SELECT 2"))).isEqualTo(1064); // still off
        }
    }

    @Test
    void eachStatementAnswersInOrderAndOnlyTheLastEndsTheQuery() throws IOException {
        try (RawClient client = RawClient.loggedIn(server.port())) {
            setMultiStatements(client, true);
            byte[] first = client.command(0x03, "UPDATE orders SET note = 'm1' WHERE customer_id IN (1, 2);"
                    + " SELECT id, note FROM orders WHERE customer_id IN (1, 2) ORDER BY id; ;"
                    + " UPDATE orders SET note = 'a' WHERE customer_id = 1;"
                    + " UPDATE orders SET note = 'b' WHERE id = 2;");
            Ok update = ok(first);
            assertThat(update.affectedRows()).isEqualTo(2);
            assertThat(more(update.status())).isTrue();
            Rows select = rows(client, client.next());
            assertThat(select.rows()).containsExactly(List.of("1", "m1"), List.of("2", "m1"));
            assertThat(more(select.status())).isTrue();
            Ok restore = ok(client.next());
            assertThat(restore.affectedRows()).isEqualTo(1);
            assertThat(more(restore.status())).isTrue();
            Ok last = ok(client.next()); // the trailing semicolon adds no result
            assertThat(last.affectedRows()).isEqualTo(1);
            assertThat(more(last.status())).isFalse();
            assertThat(ok(client.command(0x0e, "")).affectedRows()).isZero(); // nothing else was pending
        }
    }

    @Test
    void anErrorEndsTheQueryAndLaterStatementsDoNotRun() throws IOException {
        try (RawClient client = RawClient.loggedIn(server.port())) {
            setMultiStatements(client, true);
            byte[] first = client.command(0x03, "UPDATE orders SET note = 'before' WHERE id = 4;"
                    + " SELECT * FROM missing_table; UPDATE orders SET note = 'after' WHERE id = 4");
            assertThat(more(ok(first).status())).isTrue();
            assertThat(errorCode(client.next())).isEqualTo(1146);
            assertThat(ok(client.command(0x0e, "")).status() & ServerStatus.MORE_RESULTS_EXISTS).isZero();
            assertThat(rows(client, client.command(0x03, "SELECT note FROM orders WHERE id = 4")).rows())
                    .containsExactly(List.of("before"));
            assertThat(ok(client.command(0x03, "UPDATE orders SET note = 'd' WHERE id = 4")).affectedRows())
                    .isEqualTo(1);
        }
    }

    @Test
    void sessionStatementsInsideTheQueryTakeEffectForTheNextStatement() throws IOException {
        try (RawClient client = RawClient.loggedIn(server.port())) {
            setMultiStatements(client, true);
            byte[] first = client.command(0x03, "BEGIN; UPDATE orders SET note = 'rolled back' WHERE id = 5;"
                    + " SELECT note FROM orders WHERE id = 5; ROLLBACK; SET wait_timeout = 77; SELECT @@wait_timeout;"
                    + " USE shardgate; SELECT note, id FROM orders WHERE id = 5; SELECT DATABASE()");
            Ok begin = ok(first);
            assertThat(begin.status() & ServerStatus.IN_TRANSACTION).isNotZero();
            assertThat(more(begin.status())).isTrue();
            Ok update = ok(client.next());
            assertThat(update.status() & ServerStatus.IN_TRANSACTION).isNotZero();
            assertThat(rows(client, client.next()).rows()).containsExactly(List.of("rolled back"));
            Ok rollback = ok(client.next());
            assertThat(rollback.status() & ServerStatus.IN_TRANSACTION).isZero();
            assertThat(more(rollback.status())).isTrue();
            assertThat(more(ok(client.next()).status())).isTrue(); // SET, answered by the proxy
            assertThat(rows(client, client.next()).rows()).containsExactly(List.of("77"));
            assertThat(more(ok(client.next()).status())).isTrue(); // USE
            Rows afterRollback = rows(client, client.next());
            assertThat(afterRollback.rows()).containsExactly(List.of("e", "5"));
            assertThat(more(afterRollback.status())).isTrue();
            Rows last = rows(client, client.next());
            assertThat(last.rows()).containsExactly(List.of("shardgate"));
            assertThat(more(last.status())).isFalse();
        }
    }

    @Test
    void withAutocommitOffTheTransactionFlagIsSetOnlyWhileATransactionIsOpen() throws IOException {
        try (RawClient client = RawClient.loggedIn(server.port())) {
            setMultiStatements(client, true);
            byte[] first = client.command(0x03, "SET autocommit = 0; UPDATE orders SET note = 'x' WHERE id = 5;"
                    + " ROLLBACK; SET autocommit = 1");
            Ok off = ok(first);
            assertThat(off.status() & ServerStatus.AUTOCOMMIT).isZero();
            assertThat(off.status() & ServerStatus.IN_TRANSACTION).isZero();
            assertThat(ok(client.next()).status() & ServerStatus.IN_TRANSACTION).isNotZero();
            assertThat(ok(client.next()).status() & ServerStatus.IN_TRANSACTION).isZero();
            Ok on = ok(client.next());
            assertThat(on.status() & ServerStatus.AUTOCOMMIT).isNotZero();
            assertThat(on.status() & ServerStatus.IN_TRANSACTION).isZero();
        }
    }

    @Test
    void eachInsertReportsItsOwnLastInsertId() throws IOException {
        try (RawClient client = RawClient.loggedIn(server.port())) {
            setMultiStatements(client, true);
            ok(client.command(0x03, "CREATE TABLE IF NOT EXISTS multi_notes "
                    + "(id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(20))"));
            byte[] first = client.command(0x03, "INSERT INTO multi_notes (body) VALUES ('a');"
                    + " INSERT INTO multi_notes (body) VALUES ('b'); SELECT LAST_INSERT_ID()");
            Ok a = ok(first);
            Ok b = ok(client.next());
            assertThat(a.affectedRows()).isEqualTo(1);
            assertThat(b.lastInsertId()).isEqualTo(a.lastInsertId() + 1);
            assertThat(rows(client, client.next()).rows()).containsExactly(List.of(String.valueOf(b.lastInsertId())));
        }
    }
}
