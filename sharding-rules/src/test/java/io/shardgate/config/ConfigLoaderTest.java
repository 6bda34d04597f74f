package io.shardgate.config;

import io.shardgate.algorithm.GeoAlgorithm;
import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.algorithm.ModAlgorithm;
import io.shardgate.algorithm.RangeAlgorithm;
import io.shardgate.algorithm.RangeValueType;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderTest {
    private final ShardgateConfig config = ConfigLoader.loadClasspath("config/full-example.yaml");
    private final ShardingRules rules = config.rules();

    @Test
    void dataSourcesKeepDeclarationOrderAndEverySetting() {
        assertThat(rules.dataSources()).containsExactly("ds0", "ds1");
        assertThat(rules.defaultDataSource()).isEqualTo("ds1");

        DataSourceConfig ds0 = config.dataSources().get("ds0");
        assertThat(ds0.primary()).isEqualTo(new EndpointConfig("ds0.primary",
                "jdbc:mariadb://127.0.0.1:3306/shard0", "root", "secret", 1));
        assertThat(ds0.replicas()).containsExactly(
                new EndpointConfig("ds0.replica0", "jdbc:mariadb://127.0.0.1:3307/shard0", "reader", "", 3),
                new EndpointConfig("ds0.replica1", "jdbc:mariadb://127.0.0.1:3308/shard0", "reader", "", 1));
        assertThat(ds0.pool()).isEqualTo(new PoolConfig(20, 2, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(15)));
        assertThat(ds0.read()).isEqualTo(new ReadConfig("weighted", Duration.ofSeconds(2), "wait_for_replica",
                Duration.ofMillis(500)));

        DataSourceConfig ds1 = config.dataSources().get("ds1");
        assertThat(ds1.primary().password()).as("read as text, not as an octal number").isEqualTo("0123");
        assertThat(ds1.replicas()).isEmpty();
        assertThat(ds1.pool()).isEqualTo(PoolConfig.DEFAULTS);
        assertThat(ds1.read()).isEqualTo(ReadConfig.DEFAULTS);
    }

    @Test
    void hashTableWithInlineNodeExpression() {
        TableRule orders = rules.table("ORDERS").orElseThrow();
        assertThat(orders.shardColumns()).containsExactly("user_id");
        assertThat(orders.algorithm()).isEqualTo(HashAlgorithm.evenly(4));
        assertThat(orders.nodes()).containsExactly(new DataNode("ds0", "orders_0"), new DataNode("ds0", "orders_1"),
                new DataNode("ds1", "orders_0"), new DataNode("ds1", "orders_1"));
        assertThat(orders.keyGenerator()).isEqualTo(new KeyGeneratorConfig("id", "snowflake"));
    }

    @Test
    void namesAreLowerCased() {
        TableRule items = rules.table("order_items").orElseThrow();
        assertThat(items.logicalTable()).isEqualTo("order_items");
        assertThat(items.shardColumns()).containsExactly("user_id");
        assertThat(items.keyGenerator()).isNull();
        assertThat(rules.tables()).containsKeys("orders", "order_items", "accounts", "invoices", "events",
                "payments", "customers", "tenants_data");
    }

    @Test
    void hashRangesModAndPaddedExpressions() {
        assertThat(rules.table("accounts").orElseThrow().algorithm())
                .isEqualTo(HashAlgorithm.ofRanges(List.of("-40", "40-80", "80-")));
        TableRule invoices = rules.table("invoices").orElseThrow();
        assertThat(invoices.algorithm()).isEqualTo(new ModAlgorithm(4));
        assertThat(invoices.nodes()).extracting(DataNode::toString)
                .containsExactly("ds0.invoices_00", "ds0.invoices_01", "ds1.invoices_02", "ds1.invoices_03");
    }

    @Test
    void rangeTables() {
        RangeAlgorithm events = (RangeAlgorithm) rules.table("events").orElseThrow().algorithm();
        assertThat(events).isEqualTo(RangeAlgorithm.of(RangeValueType.DATE, List.of(
                new RangeAlgorithm.Bound(0, null, LocalDate.of(2024, 1, 1)),
                new RangeAlgorithm.Bound(1, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1))), OptionalInt.of(2)));
        assertThat(events.shardFor(List.of(LocalDate.of(2026, 5, 1)))).isEqualTo(2);
        assertThat(rules.table("payments").orElseThrow().algorithm())
                .isEqualTo(RangeAlgorithm.splitAt(RangeValueType.NUMBER, List.of(1000, 10000)));
    }

    @Test
    void geoTableReadsRegionAndHashedColumn() {
        TableRule customers = rules.table("customers").orElseThrow();
        assertThat(customers.shardColumns()).containsExactly("country", "customer_id");
        GeoAlgorithm geo = (GeoAlgorithm) customers.algorithm();
        assertThat(geo.regions()).containsExactly(
                new GeoAlgorithm.Region("eu", List.of("DE", "FR", "IT"), List.of(0, 1)),
                new GeoAlgorithm.Region("us", List.of("US", "CA"), List.of(2)));
        assertThat(geo.defaultRegion()).contains("us");
        assertThat(geo.shardFor(List.of("BR", 5L))).isEqualTo(2);
    }

    @Test
    void customAlgorithmGetsShardCountAndProps() {
        TableRule tenants = rules.table("tenants_data").orElseThrow();
        assertThat(tenants.algorithm()).isInstanceOf(TenantListAlgorithm.class);
        assertThat(tenants.algorithm().shardCount()).isEqualTo(2);
        assertThat(tenants.algorithm().shardFor(List.of("acme"))).isZero();
        assertThat(tenants.algorithm().shardFor(List.of("initech"))).isEqualTo(1);
    }

    @Test
    void broadcastTablesAndBindingGroups() {
        assertThat(rules.broadcastTables()).containsOnly(
                Map.entry("countries", new BroadcastTable("countries", List.of("ds0", "ds1"))),
                Map.entry("currencies", new BroadcastTable("currencies", List.of("ds0", "ds1"))),
                Map.entry("ds0_only_settings", new BroadcastTable("ds0_only_settings", List.of("ds0"))));
        assertThat(rules.bindingGroups()).containsExactly(List.of("orders", "order_items"));
        assertThat(rules.bound("orders", "order_items")).isTrue();
    }

    @Test
    void representativeNodeOfEachKindOfTable() {
        assertThat(rules.representative("Orders")).isEqualTo(new DataNode("ds0", "orders_0"));
        assertThat(rules.representative("ds0_only_settings")).isEqualTo(new DataNode("ds0", "ds0_only_settings"));
        assertThat(rules.representative("audit_log")).isEqualTo(new DataNode("ds1", "audit_log"));
    }

    @Test
    void engineProps() {
        assertThat(config.props()).isEqualTo(new EngineProps(16, 4, 7, Duration.ofSeconds(30), Duration.ofMillis(500)));
    }

    @Test
    void metadataStoreIsAnEndpointUnderProps() {
        ShardgateConfig withStore = ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:mariadb://db0:3306/s0" } }
                props:
                  metadataStore: { url: "jdbc:mariadb://meta:3306/shardgate_meta", user: app, password: secret }
                """, "store.yaml");
        EndpointConfig store = withStore.props().metadataStore();
        assertThat(store.url()).isEqualTo("jdbc:mariadb://meta:3306/shardgate_meta");
        assertThat(store.user()).isEqualTo("app");
        assertThat(store.password()).isEqualTo("secret");
        assertThat(config.props().metadataStore()).isNull();
    }

    @Test
    void loadingTheFileGivesTheSameRules() throws URISyntaxException {
        Path file = Path.of(Objects.requireNonNull(getClass().getResource("/config/full-example.yaml")).toURI());
        ShardgateConfig fromFile = ConfigLoader.load(file);
        assertThat(fromFile.dataSources()).isEqualTo(config.dataSources());
        assertThat(fromFile.props()).isEqualTo(config.props());
        assertThat(fromFile.rules().table("customers")).isEqualTo(rules.table("customers"));
    }

    @Test
    void minimalConfigurationUsesDefaults() {
        ShardgateConfig minimal = ConfigLoader.load("""
                dataSources:
                  main: { primary: { url: "jdbc:h2:mem:main" } }
                """, "minimal.yaml");
        assertThat(minimal.rules().dataSources()).containsExactly("main");
        assertThat(minimal.rules().defaultDataSource()).isEqualTo("main");
        assertThat(minimal.rules().tables()).isEmpty();
        assertThat(minimal.rules().broadcastTables()).isEmpty();
        assertThat(minimal.props()).isEqualTo(EngineProps.DEFAULTS);
        EndpointConfig primary = minimal.dataSources().get("main").primary();
        assertThat(primary.user()).isNull();
        assertThat(primary.password()).isNull();
        assertThat(primary.weight()).isEqualTo(1);
    }

    @Test
    void broadcastTablesAsAPlainListGoToEveryDataSource() {
        ShardgateConfig loaded = ConfigLoader.load("""
                dataSources:
                  a: { primary: { url: "jdbc:h2:mem:a" } }
                  b: { primary: { url: "jdbc:h2:mem:b" } }
                broadcastTables: [Countries, currencies]
                """, "list.yaml");
        assertThat(loaded.rules().broadcast("countries").orElseThrow().dataSources()).containsExactly("a", "b");
        assertThat(loaded.rules().broadcastTables()).containsOnlyKeys("countries", "currencies");
    }

    @Test
    void mergeKeysShareSettings() {
        ShardgateConfig loaded = ConfigLoader.load("""
                dataSources:
                  ds0:
                    primary: { url: "jdbc:h2:mem:0" }
                    pool: &pool { maxSize: 32, minIdle: 4 }
                  ds1:
                    primary: { url: "jdbc:h2:mem:1" }
                    pool: { <<: *pool, minIdle: 8 }
                """, "merge.yaml");
        assertThat(loaded.dataSources().get("ds1").pool().maxSize()).isEqualTo(32);
        assertThat(loaded.dataSources().get("ds1").pool().minIdle()).isEqualTo(8);
        assertThat(loaded.dataSources().get("ds0").pool().minIdle()).isEqualTo(4);
    }
}
