package io.shardgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void startedServerAnswersQueriesAndLeavesNoProcessPortOrDataAfterStop() throws Exception {
        PostgresServer server = new PostgresServer("single").start();
        Path directory = server.directory();
        long pid = Sql.pidFrom(directory.resolve("data/postmaster.pid"));
        int port = server.port();
        try {
            assertThat(server.jdbcUrl("shop")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/shop");
            server.createDatabase("shop");
            server.createDatabase("shop");
            server.execute("shop", "CREATE TABLE item (id INT PRIMARY KEY, name TEXT)");
            server.execute("shop", "INSERT INTO item VALUES (1, 'grüße')");
            assertThat(Sql.column(server, "shop", "SELECT name FROM item")).containsExactly("grüße");
            assertThat(Sql.column(server, "shop", "SELECT current_user")).containsExactly("postgres");
        } finally {
            server.stop();
        }
        assertThat(Sql.processAlive(pid)).isFalse();
        assertThat(Sql.acceptsTcp(port)).isFalse();
        assertThat(directory).doesNotExist();
    }
}
