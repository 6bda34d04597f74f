package io.shardgate.proxy.it;

import io.shardgate.proxy.Proxy;
import io.shardgate.proxy.config.ProxyOptions;
import io.shardgate.proxy.server.ProxyServer;
import io.shardgate.proxy.server.ServerSettings;
import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client scenarios over two real MariaDB servers as shards, plus what needs a server that can be slow on
 * purpose: a graceful shutdown lets a running statement finish.
 */
class MariaDbProxyIT extends ProxyClientScenarios {
    @TempDir
    static Path configDir;
    static MariaDbServer shard0;
    static MariaDbServer shard1;
    static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        shard0 = new MariaDbServer("proxy-shard0").withServerOption("max-allowed-packet", "64M");
        shard1 = new MariaDbServer("proxy-shard1").withServerOption("max-allowed-packet", "64M");
        DatabaseServer.startAll(shard0, shard1);
        shard0.createDatabase("shard0");
        shard1.createDatabase("shard1");
        Path config = configDir.resolve("shardgate.yaml");
        Files.writeString(config, """
                dataSources:
                  ds0: { primary: { url: "%s", user: root, password: "" } }
                  ds1: { primary: { url: "%s", user: root, password: "" } }
                tables:
                  customers: { shardKey: id, algorithm: hash, nodes: "ds${0..1}.customers_${0..1}" }
                  orders: { shardKey: customer_id, algorithm: hash, nodes: "ds${0..1}.orders_${0..1}" }
                """.formatted(shard0.jdbcUrl("shard0"), shard1.jdbcUrl("shard1")));
        proxy = Proxy.start(ProxyOptions.parse("--port", "0", "--config", config.toString()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (shard0 != null) {
            shard0.close();
        }
        if (shard1 != null) {
            shard1.close();
        }
    }

    @Override
    int port() {
        return proxy.port();
    }

    @Test
    void givenKeysAreNotReportedAsGenerated() throws SQLException {
        for (Client client : Client.values()) {
            try (Connection c = connect(client); Statement s = c.createStatement()) {
                freshOrders(c);
                s.executeUpdate("INSERT INTO orders (id, customer_id, amount) VALUES (77, 1, 1)",
                        Statement.RETURN_GENERATED_KEYS);
                assertThat(column(s.getGeneratedKeys())).as(client.name()).isEmpty();
            }
        }
    }

    @Test
    void shutdownLetsTheRunningStatementFinishAndRefusesNewClients() throws Exception {
        ProxyServer second = new ProxyServer(proxy.engine(), ServerSettings.defaults().withPort(0)).start();
        String url = Client.MARIADB.url(second.port(), "shardgate");
        try (Connection busy = DriverManager.getConnection(url); Connection idle = DriverManager.getConnection(url)) {
            CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> {
                try (Statement s = busy.createStatement(); ResultSet r = s.executeQuery("SELECT SLEEP(1.5)")) {
                    r.next();
                    return r.getLong(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            long started = System.nanoTime();
            second.close();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isZero(); // SLEEP returns 0 when not interrupted
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));
            assertThat(second.connectionCount()).isZero();
            assertThatThrownBy(() -> idle.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url)).isInstanceOf(SQLException.class);
        try (Connection c = connect(Client.MARIADB); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT 1")).isEqualTo(1L); // the engine still serves the first proxy
        }
    }
}
