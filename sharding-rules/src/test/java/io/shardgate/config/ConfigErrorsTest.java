package io.shardgate.config;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One test per configuration mistake: each must name the key path and the problem. */
class ConfigErrorsTest {
    private static final String DATA_SOURCES = """
            dataSources:
              ds0: { primary: { url: "jdbc:h2:mem:0" } }
              ds1: { primary: { url: "jdbc:h2:mem:1" } }
            """;

    private static AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
        return assertThatThrownBy(() -> ConfigLoader.load(DATA_SOURCES + yaml, "shardgate.yaml", name -> null))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void missingShardKey() {
        loading("""
                tables:
                  orders: { algorithm: hash, nodes: [ds0.orders] }
                """).hasMessageStartingWith("shardgate.yaml: tables.orders.shardKey: missing; every sharded table "
                + "needs the column that decides its shard");
    }

    @Test
    void keyPathIsExposed() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(DATA_SOURCES + """
                tables:
                  orders: { algorithm: hash, nodes: [ds0.orders] }
                """, "shardgate.yaml"));
        assertThat(e.keyPath()).isEqualTo("tables.orders.shardKey");
        assertThat(e.source()).isEqualTo("shardgate.yaml");
    }

    @Test
    void unknownAlgorithmType() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: { type: hsh }, nodes: [ds0.orders] }
                """).hasMessageContaining("tables.orders.algorithm.type: unknown algorithm 'hsh'; expected one of "
                + "hash, mod, range, geo or the fully qualified name of a class implementing "
                + "io.shardgate.algorithm.ShardingAlgorithm (did you mean 'hash'?)");
    }

    @Test
    void missingAlgorithmType() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: { ranges: ["-"] }, nodes: [ds0.orders] }
                """).hasMessageContaining("tables.orders.algorithm.type: missing; expected one of hash");
    }

    @Test
    void keyOfAnotherAlgorithmType() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: { type: mod, ranges: ["-"] }, nodes: [ds0.orders] }
                """).hasMessageContaining("tables.orders.algorithm.ranges: unknown key; expected type");
    }

    @Test
    void nodeNamingAnUnknownDataSource() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, dss1.orders] }
                """).hasMessageContaining("tables.orders.nodes[1]: node dss1.orders names data source dss1, which is "
                + "not defined under dataSources (defined: ds0, ds1) (did you mean 'ds1'?)");
    }

    @Test
    void malformedNode() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [orders_0] }
                """).hasMessageContaining("tables.orders.nodes[0]: 'orders_0' is not a node; expected "
                + "dataSource.table");
    }

    @Test
    void nodeCountDiffersFromShardCount() {
        loading("""
                tables:
                  orders:
                    shardKey: id
                    algorithm: { type: hash, ranges: ["-80", "80-"] }
                    nodes: "ds${0..1}.orders_${0..1}"
                """).hasMessageContaining("tables.orders.nodes: 4 node(s) listed but the algorithm hash[-80, 80-] "
                + "has 2 shard(s)");
    }

    @Test
    void duplicateNodesInATable() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, ds1.orders, DS0.Orders] }
                """).hasMessageContaining("tables.orders.nodes[2]: node DS0.Orders names data source DS0, which is not "
                + "defined").hasMessageContaining("(did you mean 'ds0'?)");
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, ds1.orders, ds0.ORDERS] }
                """).hasMessageContaining("tables.orders.nodes[2]: node ds0.orders is listed twice (shards 0 and 2)");
    }

    @Test
    void twoTablesSharingANode() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.t, ds1.t] }
                  items: { shardKey: id, algorithm: hash, nodes: [ds0.items, ds1.t] }
                """).hasMessageContaining("tables.items.nodes[1]: node ds1.t already holds a shard of table orders");
    }

    @Test
    void badNodeExpression() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: "ds${1..0}.orders" }
                """).hasMessageContaining("tables.orders.nodes: range ${1..0} in 'ds${1..0}.orders' is descending");
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: "ds${a,b}.orders" }
                """).hasMessageContaining("tables.orders.nodes: cannot expand 'ds${a,b}.orders'");
    }

    @Test
    void broadcastTableNamingAnUnknownDataSource() {
        loading("""
                broadcastTables:
                  countries: [ds0, ds2]
                """).hasMessageContaining("broadcastTables.countries[1]: unknown data source ds2 (defined: ds0, ds1)");
    }

    @Test
    void tableBothShardedAndBroadcast() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders] }
                broadcastTables: [Orders]
                """).hasMessageContaining("broadcastTables[0]: table orders is both sharded (under tables) and "
                + "broadcast");
    }

    @Test
    void bindingGroupWithAnUnknownTable() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders] }
                bindingGroups:
                  - [orders, order]
                """).hasMessageContaining("bindingGroups[0][1]: unknown table order; binding groups name tables "
                + "configured under tables (did you mean 'orders'?)");
    }

    @Test
    void bindingGroupOfTablesShardedDifferently() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, ds1.orders] }
                  items: { shardKey: id, algorithm: mod, nodes: [ds0.items, ds1.items] }
                bindingGroups: [[orders, items]]
                """).hasMessageContaining("bindingGroups[0][1]: tables orders and items are not sharded alike: "
                + "algorithm hash[-80, 80-] vs mod(2)");
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, ds1.orders] }
                  items: { shardKey: id, algorithm: hash, nodes: [ds1.items, ds0.items] }
                bindingGroups: [[orders, items]]
                """).hasMessageContaining("not sharded alike: shard 0 is in data source ds0 vs ds1");
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders, ds1.orders] }
                  items: { shardKey: id, algorithm: hash, nodes: [ds0.items] }
                bindingGroups: [[orders, items]]
                """).hasMessageContaining("not sharded alike: 2 vs 1 shards");
    }

    @Test
    void bindingGroupOfOneTable() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders] }
                bindingGroups: [[orders]]
                """).hasMessageContaining("bindingGroups[0]: a binding group needs at least two tables");
    }

    @Test
    void badHashRanges() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: { type: hash, ranges: ["-40", "80-"] }, nodes: [ds0.a, ds1.a] }
                """).hasMessageContaining("tables.orders.algorithm.ranges: range 80- leaves a gap after -40");
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: { type: hash, ranges: [-80, 8-] }, nodes: [ds0.a, ds1.a] }
                """).hasMessageContaining("tables.orders.algorithm.ranges: keyspace range '8-'");
    }

    @Test
    void badRangeBounds() {
        loading("""
                tables:
                  events:
                    shardKey: id
                    algorithm: { type: range, bounds: [{shard: 0, to: 100}, {shard: 1, from: 50}] }
                    nodes: [ds0.a, ds1.a]
                """).hasMessageContaining("tables.events.algorithm.bounds: range [50, +inf) -> shard 1 overlaps "
                + "(-inf, 100) -> shard 0");
        loading("""
                tables:
                  events:
                    shardKey: id
                    algorithm: { type: range, valueType: date, bounds: [2024-02-30] }
                    nodes: [ds0.a, ds1.a]
                """).hasMessageContaining("tables.events.algorithm.bounds: range").hasMessageContaining("'2024-02-30'");
        loading("""
                tables:
                  events:
                    shardKey: id
                    algorithm: { type: range, valueType: time, bounds: [1] }
                    nodes: [ds0.a, ds1.a]
                """).hasMessageContaining("tables.events.algorithm.valueType: expected one of number, date, string, "
                + "got 'time'");
    }

    @Test
    void geoWithSeveralShardsInARegionNeedsTwoKeyColumns() {
        loading("""
                tables:
                  customers:
                    shardKey: country
                    algorithm: { type: geo, regions: { eu: { countries: [DE], shards: [0, 1] } } }
                    nodes: [ds0.c, ds1.c]
                """).hasMessageContaining("tables.customers.shardKey: the algorithm reads 2 key column(s) but 1 are "
                + "configured; a geo rule with several shards in a region needs [regionColumn, hashedColumn]");
    }

    @Test
    void geoRegionsSharingACountry() {
        loading("""
                tables:
                  customers:
                    shardKey: country
                    algorithm:
                      type: geo
                      regions: { eu: { countries: [DE], shards: 0 }, dach: { countries: [de], shards: 1 } }
                    nodes: [ds0.c, ds1.c]
                """).hasMessageContaining("tables.customers.algorithm.regions: region code DE is in both region eu "
                + "and region dach");
    }

    @Test
    void negativePoolSize() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0:
                    primary: { url: "jdbc:h2:mem:0" }
                    pool: { maxSize: -1 }
                """, "shardgate.yaml"))
                .hasMessage("shardgate.yaml: dataSources.ds0.pool.maxSize: must be at least 1, got -1 "
                        + "(line 4, column 22)");
    }

    @Test
    void minIdleAboveMaxSize() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0" }, pool: { maxSize: 2, minIdle: 3 } }
                """, "shardgate.yaml"))
                .hasMessageContaining("dataSources.ds0.pool.minIdle: must not exceed maxSize 2, got 3");
    }

    @Test
    void workerIdOutOfRange() {
        loading("""
                props: { workerId: 1024 }
                """).hasMessageContaining("props.workerId: must be at most 1023, got 1024");
    }

    @Test
    void replicaCheckIntervalTooShort() {
        loading("""
                props: { replicaCheckIntervalMs: 5 }
                """).hasMessageContaining("props.replicaCheckIntervalMs: must be at least 10, got 5");
    }

    @Test
    void notAnInteger() {
        loading("""
                props: { queryTimeoutMs: 1.5 }
                """).hasMessageContaining("props.queryTimeoutMs: expected an integer, got '1.5'");
    }

    @Test
    void unknownReadPolicy() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0" }, read: { policy: roundrobin } }
                """, "shardgate.yaml"))
                .hasMessageContaining("dataSources.ds0.read.policy: expected one of round_robin, random, weighted, "
                        + "least_busy, got 'roundrobin' (did you mean 'round_robin'?)");
    }

    @Test
    void notAJdbcUrl() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "mariadb://h:3306/db" } }
                """, "shardgate.yaml"))
                .hasMessageContaining("dataSources.ds0.primary.url: expected a JDBC URL");
    }

    @Test
    void yamlSyntaxErrorReportsLineAndColumn() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0" }
                tables: {}
                """, "shardgate.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("shardgate.yaml: YAML syntax error: ")
                .hasMessageMatching("(?s).*\\(line \\d+, column \\d+\\)");
        assertThatThrownBy(() -> ConfigLoader.load("dataSources:\n  ds0: [a\n  b: c: d\n", "shardgate.yaml"))
                .hasMessageContaining("(line 3, column");
    }

    @Test
    void fileThatDoesNotExist(@TempDir Path dir) {
        Path missing = dir.resolve("shardgate.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": file not found");
        assertThatThrownBy(() -> ConfigLoader.loadClasspath("config/nope.yaml"))
                .hasMessage("classpath:config/nope.yaml: resource not found on the classpath");
    }

    @Test
    void emptyFile() {
        assertThatThrownBy(() -> ConfigLoader.load("# nothing yet\n", "shardgate.yaml"))
                .hasMessage("shardgate.yaml: the configuration is empty; it needs at least dataSources");
    }

    @Test
    void missingDataSources() {
        assertThatThrownBy(() -> ConfigLoader.load("tables: {}\n", "shardgate.yaml"))
                .hasMessageContaining("shardgate.yaml: dataSources: missing; declare the databases to connect to");
    }

    @Test
    void unknownKeysSuggestTheClosestKnownOne() {
        loading("""
                tables:
                  orders: { shard_key: id, algorithm: hash, nodes: [ds0.orders] }
                """).hasMessageContaining("tables.orders.shard_key: unknown key; expected shardKey, algorithm, nodes, "
                + "keyGenerator (did you mean 'shardKey'?)");
        loading("""
                prop: { workerId: 1 }
                """).hasMessageContaining("shardgate.yaml: prop: unknown key; expected dataSources, defaultDataSource, "
                + "tables, broadcastTables, bindingGroups, props (did you mean 'props'?)");
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  ds0: { primary: { url: "jdbc:h2:mem:0", pasword: x } }
                """, "shardgate.yaml"))
                .hasMessageContaining("dataSources.ds0.primary.pasword: unknown key; expected url, user, password "
                        + "(did you mean 'password'?)");
    }

    @Test
    void duplicateKeys() {
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders] }
                  orders: { shardKey: id, algorithm: hash, nodes: [ds1.orders] }
                """).hasMessageContaining("tables.orders: duplicate key; first defined at line 5");
        loading("""
                tables:
                  orders: { shardKey: id, algorithm: hash, nodes: [ds0.orders] }
                  ORDERS: { shardKey: id, algorithm: hash, nodes: [ds1.orders] }
                """).hasMessageContaining("tables.ORDERS: table orders is configured twice");
    }

    @Test
    void wrongShapeOfValue() {
        loading("""
                tables:
                  orders: [id, hash]
                """).hasMessageContaining("tables.orders: expected a mapping of key: value, got a list");
        loading("""
                bindingGroups: orders
                """).hasMessageContaining("bindingGroups: expected a list, got 'orders'");
    }

    @Test
    void unknownDefaultDataSource() {
        loading("""
                defaultDataSource: ds3
                """).hasMessageContaining("defaultDataSource: unknown data source ds3 (defined: ds0, ds1)");
    }

    @Test
    void dataSourceNameWithADot() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                dataSources:
                  db.one: { primary: { url: "jdbc:h2:mem:0" } }
                """, "shardgate.yaml"))
                .hasMessageContaining("dataSources.db.one: 'db.one' is not a usable data source name");
    }

    @Test
    void unknownKeyGeneratorType() {
        loading("""
                tables:
                  orders:
                    shardKey: id
                    algorithm: hash
                    nodes: [ds0.orders]
                    keyGenerator: { column: id, type: uuid }
                """).hasMessageContaining("tables.orders.keyGenerator.type: expected one of snowflake, got 'uuid'");
    }
}
