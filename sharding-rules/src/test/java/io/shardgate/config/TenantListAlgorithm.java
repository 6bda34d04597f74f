package io.shardgate.config;

import io.shardgate.algorithm.ShardingAlgorithm;
import io.shardgate.algorithm.ShardingException;

import java.util.List;
import java.util.Map;

/** A custom algorithm for the loader tests: a fixed tenant-to-shard list with a fallback shard. */
public final class TenantListAlgorithm implements ShardingAlgorithm {
    private final int shardCount;
    private final Map<String, Object> tenants;
    private final int fallbackShard;

    @SuppressWarnings("unchecked")
    public TenantListAlgorithm(int shardCount, Map<String, Object> props) {
        this.shardCount = shardCount;
        if (!(props.get("tenants") instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("props.tenants must map tenant names to shards");
        }
        this.tenants = (Map<String, Object>) map;
        this.fallbackShard = ((Number) props.getOrDefault("fallbackShard", 0)).intValue();
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    @Override
    public int shardFor(List<Object> key) {
        Object shard = tenants.get(String.valueOf(key.get(0)));
        if (shard == null && fallbackShard < 0) {
            throw new ShardingException("unknown tenant " + key.get(0));
        }
        return shard == null ? fallbackShard : ((Number) shard).intValue();
    }
}
