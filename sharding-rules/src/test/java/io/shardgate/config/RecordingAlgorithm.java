package io.shardgate.config;

import io.shardgate.algorithm.ShardingAlgorithm;

import java.util.List;
import java.util.Map;

/** A custom algorithm for the loader tests that keeps what it was constructed with. */
public final class RecordingAlgorithm implements ShardingAlgorithm {
    private final int shardCount;
    private final Map<String, Object> props;

    public RecordingAlgorithm(int shardCount, Map<String, Object> props) {
        this.shardCount = shardCount;
        this.props = props;
    }

    public Map<String, Object> props() {
        return props;
    }

    @Override
    public int shardCount() {
        return shardCount;
    }

    @Override
    public int shardFor(List<Object> key) {
        return 0;
    }
}
