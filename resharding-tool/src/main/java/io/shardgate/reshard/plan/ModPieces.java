package io.shardgate.reshard.plan;

import io.shardgate.config.DataNode;
import io.shardgate.config.TableRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Going from {@code key mod n} to {@code key mod m}: source shard {@code a} holds the keys {@code ≡ a (mod n)}, and
 * those reach target shard {@code b} exactly when {@code a ≡ b (mod gcd(n, m))}, each such target taking an equal
 * share {@code gcd/m} (the keys of a residue class are spread evenly over the residues mod {@code lcm(n, m)}).
 */
final class ModPieces {
    private ModPieces() {
    }

    static List<SourcePlan> of(TableRule current, TableRule target) {
        int n = current.nodes().size();
        int m = target.nodes().size();
        int g = gcd(n, m);
        String key = current.shardColumns().get(0);
        List<SourcePlan> sources = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            DataNode sourceNode = current.nodes().get(a);
            List<Piece> pieces = new ArrayList<>();
            for (int b = 0; b < m; b++) {
                if ((b - a) % g == 0) {
                    DataNode targetNode = target.nodes().get(b);
                    String keys = m % n == 0 ? key + " mod " + m + " = " + b
                            : key + " mod " + n + " = " + a + " and " + key + " mod " + m + " = " + b;
                    pieces.add(new Piece(keys, targetNode, (double) g / m, !targetNode.equals(sourceNode)));
                }
            }
            sources.add(new SourcePlan(sourceNode, key + " mod " + n + " = " + a, pieces));
        }
        return sources;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
