package io.shardgate.algorithm;

import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Data residency: the first key column is a region code (a country such as {@code DE}, compared upper-cased)
 * that selects a named region, and each region owns its own shards, so a row never leaves its region's shards.
 * When a region owns several shards the rule reads a second key column and hashes it ({@link KeyspaceId}, even
 * ranges as {@link HashAlgorithm#evenly}) to choose among them. Unknown codes go to the default region, if any.
 */
public final class GeoAlgorithm implements ShardingAlgorithm {

    /** A named group of region codes and the shards, by index, that hold their rows. */
    public record Region(String name, List<String> codes, List<Integer> shards) {
        public Region {
            codes = codes.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
            shards = List.copyOf(shards);
        }
    }

    /** A region with its shards and the hash that spreads its keys over them. */
    private record Placement(Region region, HashAlgorithm spread) {
        int shardFor(Object hashKey) {
            int local = region.shards().size() == 1 ? 0 : spread.shardFor(Collections.singletonList(hashKey));
            return region.shards().get(local);
        }
    }

    private final List<Region> regions;
    private final Optional<String> defaultRegion;
    private final Map<String, Placement> byCode;
    private final Placement fallback;
    private final List<Placement> placements;
    private final int shardCount;
    private final int columnCount;

    /**
     * @throws IllegalArgumentException naming the region, code or shard when a code is in two regions, a shard
     *                                  belongs to two regions or none, a region has no shard, or the default
     *                                  region does not exist
     */
    public GeoAlgorithm(List<Region> regions, Optional<String> defaultRegion) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("no regions: a geo rule needs at least one");
        }
        this.regions = List.copyOf(regions);
        this.defaultRegion = defaultRegion;
        Map<String, Placement> byName = new LinkedHashMap<>();
        Map<String, Placement> byCode = new HashMap<>();
        Map<Integer, String> shardOwners = new HashMap<>();
        for (Region region : regions) {
            if (region.shards().isEmpty()) {
                throw new IllegalArgumentException("region " + region.name() + " has no shards");
            }
            Placement placement = new Placement(region, HashAlgorithm.evenly(region.shards().size()));
            if (byName.put(region.name(), placement) != null) {
                throw new IllegalArgumentException("region " + region.name() + " is defined twice");
            }
            for (String code : region.codes()) {
                Placement other = byCode.put(code, placement);
                if (other != null) {
                    throw new IllegalArgumentException("region code " + code + " is in both region "
                            + other.region().name() + " and region " + region.name());
                }
            }
            for (int shard : region.shards()) {
                if (shard < 0) {
                    throw new IllegalArgumentException("region " + region.name() + " names shard " + shard
                            + "; shard indexes start at 0");
                }
                String owner = shardOwners.put(shard, region.name());
                if (owner != null) {
                    throw new IllegalArgumentException("shard " + shard + " is in both region " + owner
                            + " and region " + region.name() + "; regions must not share shards");
                }
            }
        }
        // n distinct shards must be exactly 0..n-1: any index outside leaves a hole inside
        this.shardCount = shardOwners.size();
        for (int shard = 0; shard < shardCount; shard++) {
            if (!shardOwners.containsKey(shard)) {
                throw new IllegalArgumentException("shard " + shard + " belongs to no region; shards are numbered 0.."
                        + (shardCount - 1) + " without holes");
            }
        }
        this.fallback = defaultRegion.map(name -> {
            Placement p = byName.get(name);
            if (p == null) {
                throw new IllegalArgumentException("default region " + name + " is not defined; regions are "
                        + byName.keySet());
            }
            return p;
        }).orElse(null);
        this.byCode = Map.copyOf(byCode);
        this.placements = List.copyOf(byName.values());
        this.columnCount = regions.stream().anyMatch(r -> r.shards().size() > 1) ? 2 : 1;
    }

    public List<Region> regions() {
        return regions;
    }

    public Optional<String> defaultRegion() {
        return defaultRegion;
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    /** 2 when some region has several shards: the second column is hashed to choose among them. */
    @Override
    public int columnCount() {
        return columnCount;
    }

    @Override
    public int shardFor(List<Object> key) {
        return placementOf(key.get(0)).shardFor(columnCount == 2 ? key.get(1) : null);
    }

    /**
     * Column 0 (region): the shards of that region. Column 1 (hashed key): in each region, the one shard the
     * key hashes to, since the region is unknown.
     */
    @Override
    public BitSet shardsForValue(int column, Object value) {
        BitSet selected = new BitSet(shardCount);
        if (column == 0) {
            placementOf(value).region().shards().forEach(selected::set);
        } else {
            for (Placement p : placements) {
                selected.set(p.shardFor(value));
            }
        }
        return selected;
    }

    private Placement placementOf(Object regionValue) {
        if (!(regionValue instanceof String code)) {
            throw new ShardingException("region code " + KeyValues.describe(regionValue)
                    + " is not a string; a geo rule's first shard column holds codes such as DE or US");
        }
        Placement placement = byCode.get(code.toUpperCase(Locale.ROOT));
        if (placement != null) {
            return placement;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new ShardingException("region code '" + code + "' belongs to no region (" + regionsText()
                + ") and no default region is configured");
    }

    private String regionsText() {
        StringBuilder out = new StringBuilder();
        for (Region r : regions) {
            out.append(out.isEmpty() ? "" : ", ").append(r.name()).append(": ").append(r.codes());
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeoAlgorithm other && regions.equals(other.regions)
                && defaultRegion.equals(other.defaultRegion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regions, defaultRegion);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("geo(");
        for (Region r : regions) {
            out.append(r.name()).append(": ").append(r.codes()).append(" -> shards ").append(r.shards()).append("; ");
        }
        return out.append("default ").append(defaultRegion.orElse("none")).append(")").toString();
    }
}
