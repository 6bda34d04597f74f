package io.shardgate.config;

import io.shardgate.algorithm.GeoAlgorithm;
import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.algorithm.ModAlgorithm;
import io.shardgate.algorithm.RangeAlgorithm;
import io.shardgate.algorithm.RangeValueType;
import io.shardgate.algorithm.ShardingAlgorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Reads a table's {@code algorithm}: {@code hash}, {@code mod}, {@code range}, {@code geo} or a class name, with
 * the keys of that type, either as a mapping or in the short form {@code algorithm: hash}. Algorithms whose
 * settings do not fix a shard count (hash without ranges, mod, custom) get the table's node count.
 */
final class AlgorithmReader {
    static final List<String> BUILT_IN = List.of("hash", "mod", "range", "geo");
    private static final String EXPECTED_TYPE = "expected one of " + String.join(", ", BUILT_IN)
            + " or the fully qualified name of a class implementing " + ShardingAlgorithm.class.getName();

    /**
     * A configured algorithm and what makes two configurations equal, for binding groups: the algorithm itself
     * for built-ins, the class name and props for a custom one.
     */
    record Configured(ShardingAlgorithm algorithm, Object identity) {
    }

    private AlgorithmReader() {
    }

    static Configured read(ConfigNode node, int nodeCount) {
        ConfigNode typeNode = node.isScalar() ? node : node.entries().required("type", EXPECTED_TYPE);
        String type = typeNode.name();
        return switch (type) {
            case "hash" -> builtIn(hash(node, nodeCount));
            case "mod" -> {
                settings(node, "type");
                yield builtIn(new ModAlgorithm(nodeCount));
            }
            case "range" -> builtIn(range(node));
            case "geo" -> builtIn(geo(node));
            default -> {
                if (!type.contains(".")) {
                    throw typeNode.error("unknown algorithm '" + type + "'; " + EXPECTED_TYPE
                            + DidYouMean.hint(type, BUILT_IN));
                }
                yield custom(node, typeNode, type, nodeCount);
            }
        };
    }

    private static Configured builtIn(ShardingAlgorithm algorithm) {
        return new Configured(algorithm, algorithm);
    }

    /** The algorithm's settings, checked against the keys its type allows; none in the short form. */
    private static ConfigMapping settings(ConfigNode node, String... keys) {
        return node.isMapping() ? node.mapping(keys) : ConfigMapping.empty(node);
    }

    private static HashAlgorithm hash(ConfigNode node, int nodeCount) {
        Optional<ConfigNode> ranges = settings(node, "type", "ranges").optional("ranges");
        if (ranges.isEmpty()) {
            return HashAlgorithm.evenly(nodeCount);
        }
        List<String> notations = ranges.get().list().stream().map(r -> r.text().trim()).toList();
        return build(ranges.get(), () -> HashAlgorithm.ofRanges(notations));
    }

    private static RangeAlgorithm range(ConfigNode node) {
        ConfigMapping m = settings(node, "type", "valueType", "bounds", "overflowShard");
        List<String> typeNames = Arrays.stream(RangeValueType.values()).map(RangeValueType::configName).toList();
        RangeValueType valueType = m.optional("valueType")
                .map(v -> RangeValueType.valueOf(v.choice(typeNames).toUpperCase(Locale.ROOT)))
                .orElse(RangeValueType.NUMBER);
        ConfigNode boundsNode = m.required("bounds", "a range rule needs the ranges of its shards, e.g. "
                + "[{shard: 0, to: 1000}, {shard: 1, from: 1000}] or split points [1000, 2000]");
        List<ConfigNode> items = boundsNode.list();
        if (items.isEmpty()) {
            throw boundsNode.error("no ranges; a range rule needs at least one");
        }
        OptionalInt overflow = m.optional("overflowShard")
                .map(v -> OptionalInt.of(v.integer(0, Integer.MAX_VALUE))).orElse(OptionalInt.empty());
        if (items.stream().allMatch(ConfigNode::isScalar)) {
            if (overflow.isPresent()) {
                throw m.error("overflowShard", "split points cover every value, so an overflow shard would never "
                        + "be used; write bounds as {shard, from, to} to leave ranges for it");
            }
            List<String> points = items.stream().map(ConfigNode::text).toList();
            return build(boundsNode, () -> RangeAlgorithm.splitAt(valueType, points));
        }
        List<RangeAlgorithm.Bound> bounds = new ArrayList<>();
        for (ConfigNode item : items) {
            if (!item.isMapping()) {
                throw item.error("expected {shard, from, to} like the other ranges, got " + item.describe());
            }
            ConfigMapping bound = item.mapping("shard", "from", "to");
            bounds.add(new RangeAlgorithm.Bound(
                    bound.required("shard", "each range names the shard that owns it").integer(0, Integer.MAX_VALUE),
                    bound.string("from", null), bound.string("to", null)));
        }
        return build(boundsNode, () -> RangeAlgorithm.of(valueType, bounds, overflow));
    }

    private static GeoAlgorithm geo(ConfigNode node) {
        ConfigMapping m = settings(node, "type", "regions", "defaultRegion");
        ConfigNode regionsNode = m.required("regions", "a geo rule maps region codes to shards, e.g. "
                + "eu: {countries: [DE, FR], shards: [0, 1]}");
        List<GeoAlgorithm.Region> regions = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> entry : regionsNode.entries().entries().entrySet()) {
            ConfigMapping region = entry.getValue().mapping("countries", "shards");
            List<String> codes = region.required("countries", "the region codes (e.g. DE, FR) this region holds")
                    .listOrOne().stream().map(ConfigNode::name).toList();
            List<Integer> shards = region.required("shards", "the indexes of the shards holding this region's rows")
                    .listOrOne().stream().map(s -> s.integer(0, Integer.MAX_VALUE)).toList();
            regions.add(new GeoAlgorithm.Region(entry.getKey(), codes, shards));
        }
        Optional<String> defaultRegion = m.optional("defaultRegion").map(fallback -> {
            String name = fallback.name();
            List<String> names = regions.stream().map(GeoAlgorithm.Region::name).toList();
            if (!names.contains(name)) {
                throw fallback.error("region " + name + " is not defined under regions (defined: "
                        + String.join(", ", names) + ")" + DidYouMean.hint(name, names));
            }
            return name;
        });
        return build(regionsNode, () -> new GeoAlgorithm(regions, defaultRegion));
    }

    private static Configured custom(ConfigNode node, ConfigNode typeNode, String className, int nodeCount) {
        Map<String, Object> props = settings(node, "type", "props").optional("props")
                .map(ConfigNode::freeFormMapping).orElse(Map.of());
        ShardingAlgorithm algorithm = build(typeNode, () -> CustomAlgorithms.create(className, nodeCount, props));
        return new Configured(algorithm, List.of(className, props));
    }

    /** Runs an algorithm constructor, reporting its validation error at {@code node}. */
    private static <T> T build(ConfigNode node, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }
}
