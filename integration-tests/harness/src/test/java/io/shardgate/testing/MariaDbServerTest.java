package io.shardgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MariaDbServerTest {

    @Test
    void startedServerAnswersQueriesAndLeavesNoProcessPortOrDataAfterStop() throws Exception {
        MariaDbServer server = new MariaDbServer("single").start();
        Path directory = server.directory();
        long pid = Sql.pidFrom(directory.resolve("mariadbd.pid"));
        int port = server.port();
        try {
            assertThat(server.jdbcUrl("shop")).isEqualTo("jdbc:mariadb://127.0.0.1:" + port + "/shop");
            server.createDatabase("shop");
            server.execute("shop", "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
            server.execute("shop", "INSERT INTO item VALUES (1, 'grüße')");
            assertThat(Sql.column(server, "shop", "SELECT name FROM item")).containsExactly("grüße");
            assertThat(Sql.column(server, "", "SELECT @@log_bin")).containsExactly("0");
        } finally {
            server.stop();
        }
        assertThat(Sql.processAlive(pid)).isFalse();
        assertThat(Sql.acceptsTcp(port)).isFalse();
        assertThat(directory).doesNotExist();
    }

    @Test
    void killedServerRestartsOnTheSamePortWithItsCommittedData() throws Exception {
        try (MariaDbServer server = new MariaDbServer("crash").start()) {
            int port = server.port();
            server.createDatabase("app");
            server.execute("app", "CREATE TABLE t (id INT PRIMARY KEY)");
            server.execute("app", "INSERT INTO t VALUES (7)");

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(Sql.acceptsTcp(port)).isFalse();

            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(Sql.column(server, "app", "SELECT id FROM t")).containsExactly("7");
        }
    }

    @Test
    void restartReportsThatItsPortWasTakenMeanwhile() throws Exception {
        try (MariaDbServer server = new MariaDbServer("taken").start()) {
            server.kill();
            InetAddress loopback = InetAddress.getByName(DatabaseServer.HOST);
            try (ServerSocket squatter = new ServerSocket(server.port(), 1, loopback)) {
                assertThat(squatter.isBound()).isTrue();
                assertThatThrownBy(server::restart)
                        .isInstanceOf(HarnessException.class)
                        .hasMessageContaining("port " + server.port() + " is in use");
            }
            server.restart();
            assertThat(Sql.column(server, "", "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void failedStartReportsCommandLineAndServerLogAndCleansUp() throws Exception {
        MariaDbServer server = new MariaDbServer("broken").withServerOption("no-such-setting", "1");
        assertThatThrownBy(server::start)
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("command: ")
                .hasMessageContaining("--no-such-setting=1")
                .hasMessageContaining("unknown variable");
        assertThat(Files.exists(server.directory())).isFalse();
    }
}
