package io.shardgate.engine;

import io.shardgate.execute.ParameterValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One statement of a client's batch, with its parameters by 0-based marker index (null where none was set). */
public record BatchEntry(String sql, List<ParameterValue> params) {
    public BatchEntry {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }
}
