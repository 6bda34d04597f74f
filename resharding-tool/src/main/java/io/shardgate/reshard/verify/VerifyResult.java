package io.shardgate.reshard.verify;

import java.util.List;

/** What a verification found: source rows compared, chunks, chunks that still differ and the differing rows. */
public record VerifyResult(long sourceRows, long chunks, long failingChunks, List<RowDifference> differences) {
    public VerifyResult {
        differences = List.copyOf(differences);
    }

    public boolean matches() {
        return differences.isEmpty();
    }
}
