package io.shardgate.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardgate.config.ConfigLoader;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;
import io.shardgate.jdbc.ShardgateDriver;
import io.shardgate.keygen.SnowflakeKeyGenerator;
import io.shardgate.testing.DatabaseServer;
import io.shardgate.testing.MariaDbServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small application runs unchanged over {@code jdbc:shardgate:} against two real MariaDB servers: schema,
 * inserts with generated keys, batches, reads, updates, a transaction across data sources, a join with GROUP BY,
 * deletes. Every write is also checked on the servers directly, in the physical table the rules assign. Subclasses
 * give the application's way of talking JDBC (HikariCP with plain JDBC, Spring's JdbcTemplate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ShopScenario {
    private static final List<String> DATA_SOURCES = List.of("ds0", "ds1");
    private static final int CUSTOMERS = 12;
    private static final List<BigDecimal> ORDER_AMOUNTS = List.of(new BigDecimal("5.00"), new BigDecimal("20.50"),
            new BigDecimal("99.99"));

    @TempDir
    static Path dir;

    private final List<DatabaseServer> servers = new ArrayList<>();
    private String url;
    private ShardingRules rules;
    private Shop shop;
    /** Customer id to name, as the application created them. */
    private final Map<Long, String> customers = new LinkedHashMap<>();

    /** The application over a {@code jdbc:shardgate:} URL, as its framework would be configured. */
    abstract Shop openShop(String url);

    /** Closes what {@link #openShop} opened (its pool). */
    abstract void closeShop();

    @BeforeAll
    void startServersAndShop() throws Exception {
        for (String ds : DATA_SOURCES) {
            servers.add(new MariaDbServer(getClass().getSimpleName().replace("IT", "").toLowerCase() + "-" + ds));
        }
        DatabaseServer.startAll(servers.toArray(DatabaseServer[]::new));
        StringBuilder yaml = new StringBuilder("dataSources:\n");
        for (int i = 0; i < servers.size(); i++) {
            DatabaseServer server = servers.get(i);
            server.createDatabase(database(i));
            yaml.append("  ").append(DATA_SOURCES.get(i)).append(": { primary: { url: \"")
                    .append(server.jdbcUrl(database(i))).append("\", user: ").append(server.user())
                    .append(", password: \"").append(server.password()).append("\" } }\n");
        }
        yaml.append("""
                defaultDataSource: ds0
                tables:
                  customers:
                    shardKey: id
                    algorithm: hash
                    nodes: [ds0.customers_0, ds0.customers_1, ds1.customers_2, ds1.customers_3]
                    keyGenerator: { column: id, type: snowflake }
                  orders:
                    shardKey: customer_id
                    algorithm: hash
                    nodes: [ds0.orders_0, ds0.orders_1, ds1.orders_2, ds1.orders_3]
                    keyGenerator: { column: order_id }
                bindingGroups:
                  - [customers, orders]
                props:
                  workerId: 9
                """);
        Path config = dir.resolve(getClass().getSimpleName() + ".yaml");
        Files.writeString(config, yaml);
        rules = ConfigLoader.load(config).rules();
        url = "jdbc:shardgate:" + config;
        shop = openShop(url);
    }

    @AfterAll
    void stopShopAndServers() throws SQLException {
        try {
            if (shop != null) {
                closeShop();
            }
            if (url != null) {
                ShardgateDriver.closeEngine(url); // pools first, so nothing reconnects to stopping servers
            }
        } finally {
            for (DatabaseServer server : servers) {
                server.stop();
            }
        }
    }

    private static String database(int server) {
        return "shop" + server;
    }

    private Connection direct(String dataSource) throws SQLException {
        int server = DATA_SOURCES.indexOf(dataSource);
        return servers.get(server).connection(database(server));
    }

    /** The physical table the rules assign to a row of a sharded table. */
    private DataNode nodeOf(String table, long shardKey) {
        TableRule rule = rules.table(table).orElseThrow();
        return rule.nodes().get(rule.algorithm().shardFor(List.of(shardKey)));
    }

    /** Every physical table of a logical one holding a row where {@code where} holds, as "ds.table". */
    private List<String> physicalHolders(String table, String where) throws SQLException {
        List<String> holders = new ArrayList<>();
        for (DataNode node : rules.table(table).orElseThrow().nodes()) {
            try (Connection c = direct(node.dataSource()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + node.physicalTable() + " WHERE " + where)) {
                rs.next();
                for (long n = rs.getLong(1); n > 0; n--) {
                    holders.add(node.toString());
                }
            }
        }
        return holders;
    }

    private Object physicalValue(DataNode node, String column, String where) throws SQLException {
        try (Connection c = direct(node.dataSource()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + node.physicalTable() + " WHERE " + where)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    @Test
    @Order(1)
    void schemaCreatesEveryPhysicalTable() throws SQLException {
        shop.createSchema();
        for (String ds : DATA_SOURCES) {
            List<String> tables = new ArrayList<>();
            try (Connection c = direct(ds); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                            + "ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).as(ds).isEqualTo(ds.equals("ds0")
                    ? List.of("audit", "customers_0", "customers_1", "orders_0", "orders_1")
                    : List.of("customers_2", "customers_3", "orders_2", "orders_3"));
        }
    }

    @Test
    @Order(2)
    void customersGetGeneratedKeysAndLandWhereTheirKeyBelongs() throws SQLException {
        for (int i = 0; i < CUSTOMERS; i++) {
            String name = "customer-" + (char) ('a' + i);
            long id = shop.addCustomer(name, new BigDecimal("100.00"));
            assertThat(SnowflakeKeyGenerator.workerOf(id)).isEqualTo(9);
            customers.put(id, name);
        }
        assertThat(customers).hasSize(CUSTOMERS);
        assertThat(new ArrayList<>(customers.keySet())).isSorted();
        List<String> used = new ArrayList<>();
        for (Map.Entry<Long, String> customer : customers.entrySet()) {
            DataNode node = nodeOf("customers", customer.getKey());
            assertThat(physicalHolders("customers", "id = " + customer.getKey())).containsExactly(node.toString());
            assertThat(physicalValue(node, "name", "id = " + customer.getKey())).isEqualTo(customer.getValue());
            assertThat(shop.customerName(customer.getKey())).isEqualTo(customer.getValue());
            used.add(node.dataSource());
        }
        assertThat(used).as("customers on both servers").contains("ds0", "ds1");
    }

    @Test
    @Order(3)
    void batchedOrdersGetKeysAndLiveBesideTheirCustomer() throws SQLException {
        for (long customer : customers.keySet()) {
            int[] counts = shop.placeOrders(customer, ORDER_AMOUNTS);
            assertThat(counts).hasSize(ORDER_AMOUNTS.size()).containsOnly(1);
            List<Shop.Order> orders = shop.ordersOf(customer);
            assertThat(orders).extracting(Shop.Order::amount).containsExactlyElementsOf(ORDER_AMOUNTS);
            assertThat(orders).extracting(Shop.Order::orderId).doesNotHaveDuplicates().isSorted();
            DataNode customerNode = nodeOf("customers", customer);
            int shard = rules.table("customers").orElseThrow().nodes().indexOf(customerNode);
            DataNode ordersNode = rules.table("orders").orElseThrow().nodes().get(shard);
            assertThat(physicalHolders("orders", "customer_id = " + customer))
                    .containsExactly(ordersNode.toString(), ordersNode.toString(), ordersNode.toString());
        }
    }

    @Test
    @Order(4)
    void updatesChangeTheRowsOnTheirShard() throws SQLException {
        long first = customers.keySet().iterator().next();
        assertThat(shop.renameCustomer(first, "renamed")).isEqualTo(1);
        customers.put(first, "renamed");
        assertThat(physicalValue(nodeOf("customers", first), "name", "id = " + first)).isEqualTo("renamed");
        assertThat(shop.shipOrdersAbove(first, new BigDecimal("10"))).isEqualTo(2);
        assertThat(shop.ordersOf(first)).extracting(Shop.Order::status).containsExactly("new", "shipped", "shipped");
        assertThat(physicalHolders("orders", "customer_id = " + first + " AND status = 'shipped'")).hasSize(2);
        assertThat(shop.renameCustomer(-1, "nobody")).isZero();
    }

    @Test
    @Order(5)
    void transferIsOneTransactionAcrossDataSources() throws SQLException {
        long onDs0 = customerOn("ds0");
        long onDs1 = customerOn("ds1");
        shop.transfer(onDs0, onDs1, new BigDecimal("30.00"));
        assertThat(shop.balance(onDs0)).isEqualByComparingTo("70.00");
        assertThat(shop.balance(onDs1)).isEqualByComparingTo("130.00");
        assertThat((BigDecimal) physicalValue(nodeOf("customers", onDs1), "balance", "id = " + onDs1))
                .isEqualByComparingTo("130.00");

        assertThatThrownBy(() -> shop.transfer(onDs1, onDs0, new BigDecimal("500.00")))
                .hasMessageContaining("insufficient balance");
        assertThat(shop.balance(onDs0)).as("rolled back on ds0").isEqualByComparingTo("70.00");
        assertThat((BigDecimal) physicalValue(nodeOf("customers", onDs1), "balance", "id = " + onDs1))
                .as("rolled back on ds1").isEqualByComparingTo("130.00");
        try (Connection c = direct("ds0"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT message FROM audit")) {
            List<String> messages = new ArrayList<>();
            while (rs.next()) {
                messages.add(rs.getString(1));
            }
            assertThat(messages).containsExactly("transfer 30.00 from " + onDs0 + " to " + onDs1);
        }
    }

    private long customerOn(String dataSource) {
        return customers.keySet().stream().filter(id -> nodeOf("customers", id).dataSource().equals(dataSource))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(6)
    void unshardedAutoIncrementKeysComeFromTheDatabase() throws SQLException {
        long first = shop.audit("first note");
        long second = shop.audit("second note");
        assertThat(second).isEqualTo(first + 1);
        try (Connection c = direct("ds0"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT message FROM audit WHERE id = " + second)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("second note");
        }
    }

    @Test
    @Order(7)
    void joinWithGroupByMergesEveryShard() {
        Map<String, String> expected = new TreeMap<>();
        for (String name : customers.values()) {
            expected.put(name, name + ":3:125.49");
        }
        assertThat(shop.customerTotals()).containsExactlyElementsOf(expected.values());
    }

    @Test
    @Order(8)
    void deletesRemoveTheRowsFromTheirShard() throws SQLException {
        long last = new ArrayList<>(customers.keySet()).get(CUSTOMERS - 1);
        assertThat(shop.deleteCustomer(last)).isEqualTo(1 + ORDER_AMOUNTS.size());
        assertThat(physicalHolders("customers", "id = " + last)).isEmpty();
        assertThat(physicalHolders("orders", "customer_id = " + last)).isEmpty();
        assertThat(shop.customerName(last)).isNull();
        assertThat(physicalHolders("customers", "1 = 1")).hasSize(CUSTOMERS - 1);
    }
}
