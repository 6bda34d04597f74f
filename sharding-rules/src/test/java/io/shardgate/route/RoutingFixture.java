package io.shardgate.route;

import io.shardgate.algorithm.GeoAlgorithm;
import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.algorithm.ModAlgorithm;
import io.shardgate.algorithm.RangeAlgorithm;
import io.shardgate.algorithm.RangeValueType;
import io.shardgate.config.BroadcastTable;
import io.shardgate.config.DataNode;
import io.shardgate.config.ShardingRules;
import io.shardgate.config.TableRule;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rules every routing test runs against: one table per algorithm, a binding group, a broadcast table and a
 * default data source for unsharded tables.
 */
final class RoutingFixture {

    private RoutingFixture() {
    }

    static ShardingRules rules() {
        List<DataNode> orderNodes = nodes("orders");
        List<DataNode> itemNodes = nodes("order_items");
        TableRule orders = new TableRule("orders", List.of("user_id"), HashAlgorithm.evenly(4), orderNodes, null);
        TableRule items = new TableRule("order_items", List.of("user_id"), HashAlgorithm.evenly(4), itemNodes, null);
        TableRule users = new TableRule("users", List.of("id"), new ModAlgorithm(2),
                List.of(new DataNode("ds0", "users"), new DataNode("ds1", "users")), null);
        TableRule events = new TableRule("events", List.of("id"), RangeAlgorithm.of(RangeValueType.NUMBER, List.of(
                new RangeAlgorithm.Bound(0, null, 10000L),
                new RangeAlgorithm.Bound(1, 10000L, 20000L),
                new RangeAlgorithm.Bound(2, 20000L, 30000L)), OptionalInt.empty()),
                List.of(new DataNode("ds0", "events_0"), new DataNode("ds0", "events_1"),
                        new DataNode("ds1", "events_2")), null);
        TableRule customers = new TableRule("customers", List.of("country", "id"), new GeoAlgorithm(List.of(
                new GeoAlgorithm.Region("eu", List.of("DE", "FR", "IT"), List.of(0, 1)),
                new GeoAlgorithm.Region("us", List.of("US", "CA"), List.of(2))), Optional.empty()),
                List.of(new DataNode("ds0", "customers_eu0"), new DataNode("ds0", "customers_eu1"),
                        new DataNode("ds1", "customers_us")), null);
        return new ShardingRules(
                Map.of("orders", orders, "order_items", items, "users", users, "events", events,
                        "customers", customers),
                Map.of("countries", new BroadcastTable("countries", List.of("ds0", "ds1"))),
                List.of(List.of("orders", "order_items")), "ds0", List.of("ds0", "ds1"));
    }

    private static List<DataNode> nodes(String table) {
        return List.of(new DataNode("ds0", table + "_0"), new DataNode("ds0", table + "_1"),
                new DataNode("ds1", table + "_2"), new DataNode("ds1", table + "_3"));
    }
}
