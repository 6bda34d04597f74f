package io.shardgate.config;

import io.shardgate.algorithm.ShardingAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomAlgorithmsTest {

    /** Implements the interface but lacks the (int, Map) constructor. */
    public static final class NoConfigConstructor implements ShardingAlgorithm {
        public NoConfigConstructor() {
        }

        @Override
        public int shardCount() {
            return 1;
        }

        @Override
        public int shardFor(List<Object> key) {
            return 0;
        }
    }

    private static void assertRefused(String className, String problem) {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0" } }
                tables:
                  orders:
                    shardKey: id
                    algorithm: { type: %s, props: { tenants: oops } }
                    nodes: [ds0.orders]
                """.formatted(className), "shardgate.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("shardgate.yaml: tables.orders.algorithm.type: class " + className + problem);
    }

    @Test
    void propsKeepTheirYamlTypes() {
        ShardgateConfig config = ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0" } }
                tables:
                  orders:
                    shardKey: id
                    algorithm:
                      type: io.shardgate.config.RecordingAlgorithm
                      props:
                        count: 3
                        big: 9000000000
                        ratio: 0.5
                        enabled: true
                        nothing: ~
                        since: 2024-01-01
                        quoted: "7"
                        fromEnv: ${ENV:SHARDS:-4}
                        nested: { list: [a, 1] }
                    nodes: [ds0.orders_0, ds0.orders_1]
                """, "shardgate.yaml", name -> null);
        RecordingAlgorithm algorithm = (RecordingAlgorithm) config.rules().table("orders").orElseThrow().algorithm();
        assertThat(algorithm.shardCount()).isEqualTo(2);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("count", 3);
        expected.put("big", 9_000_000_000L);
        expected.put("ratio", 0.5d);
        expected.put("enabled", true);
        expected.put("nothing", null);
        expected.put("since", "2024-01-01");
        expected.put("quoted", "7");
        expected.put("fromEnv", 4);
        expected.put("nested", Map.of("list", List.of("a", 1)));
        assertThat(algorithm.props()).containsExactlyEntriesOf(expected);
    }

    @Test
    void classNotFound() {
        assertRefused("com.example.Missing", " not found on the classpath");
    }

    @Test
    void classOfTheWrongType() {
        assertRefused("java.lang.String", " does not implement io.shardgate.algorithm.ShardingAlgorithm");
    }

    @Test
    void constructorMissing() {
        assertRefused("io.shardgate.config.CustomAlgorithmsTest$NoConfigConstructor",
                " has no public constructor NoConfigConstructor(int shardCount, Map<String, Object> props)");
    }

    @Test
    void constructorRefusingItsProps() {
        assertRefused("io.shardgate.config.TenantListAlgorithm",
                " refused its configuration: props.tenants must map tenant names to shards");
    }

    @Test
    void propsMustBeAMapping() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0" } }
                tables:
                  orders: { shardKey: id, algorithm: { type: com.example.X, props: [1] }, nodes: [ds0.orders] }
                """, "shardgate.yaml", Map.<String, String>of()::get))
                .hasMessageContaining("tables.orders.algorithm.props: expected a mapping");
    }
}
