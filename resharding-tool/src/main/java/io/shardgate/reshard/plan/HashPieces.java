package io.shardgate.reshard.plan;

import io.shardgate.algorithm.HashAlgorithm;
import io.shardgate.algorithm.KeyspaceRange;
import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash rules own keyspace ranges, so a source shard's rows go to the target shards whose ranges overlap its own,
 * each in proportion to the overlap: the keyspace id of real keys is uniform, so the share is a good estimate.
 */
final class HashPieces {
    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

    private HashPieces() {
    }

    static List<SourcePlan> of(TableRule current, HashAlgorithm from, TableRule target, HashAlgorithm to) {
        List<SourcePlan> sources = new ArrayList<>();
        List<KeyspaceRange> fromRanges = from.keyspaceRanges();
        List<KeyspaceRange> toRanges = to.keyspaceRanges();
        for (int i = 0; i < fromRanges.size(); i++) {
            KeyspaceRange source = fromRanges.get(i);
            DataNode sourceNode = current.nodes().get(i);
            List<Piece> pieces = new ArrayList<>();
            for (int j = 0; j < toRanges.size(); j++) {
                KeyspaceRange overlap = overlap(source, toRanges.get(j));
                if (overlap != null) {
                    DataNode targetNode = target.nodes().get(j);
                    double share = size(overlap).doubleValue() / size(source).doubleValue();
                    pieces.add(new Piece("keyspace " + overlap, targetNode, share, !targetNode.equals(sourceNode)));
                }
            }
            sources.add(new SourcePlan(sourceNode, "keyspace " + source, pieces));
        }
        return sources;
    }

    /** The common part of two ranges, or null. An end of 0 is the end of the space. */
    static KeyspaceRange overlap(KeyspaceRange a, KeyspaceRange b) {
        BigInteger start = unsigned(a.start()).max(unsigned(b.start()));
        BigInteger end = end(a).min(end(b));
        if (start.compareTo(end) >= 0) {
            return null;
        }
        return new KeyspaceRange(start.longValue(), end.equals(SPACE) ? 0 : end.longValue());
    }

    private static BigInteger size(KeyspaceRange range) {
        return end(range).subtract(unsigned(range.start()));
    }

    private static BigInteger end(KeyspaceRange range) {
        return range.unboundedAbove() ? SPACE : unsigned(range.end());
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
