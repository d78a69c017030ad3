package org.example.virtsimilarity.storage;

/** The cheapest plan by trying every choice of parents: the reference the planner's answers are checked against. */
final class BruteForce {
    private BruteForce() {
    }

    /** The least total of any acyclic plan within {@code maxChain}, over the full matrix (nothing pruned). */
    static long cheapest(long[] alone, long[][] over, int maxChain) {
        int n = alone.length;
        int[] parents = new int[n];
        java.util.Arrays.fill(parents, -1);
        long best = Long.MAX_VALUE;
        while (true) {
            int depth = depth(parents);
            if (depth != Integer.MAX_VALUE && depth <= maxChain) {
                long total = 0;
                for (int v = 0; v < n; v++) {
                    total += parents[v] < 0 ? alone[v] : over[v][parents[v]];
                }
                best = Math.min(best, total);
            }
            // the next choice of parents, counting in base n + 1 (digit 0 standing for alone), skipping self-loops
            int v = 0;
            while (v < n) {
                parents[v]++;
                if (parents[v] == v) {
                    parents[v]++;
                }
                if (parents[v] < n) {
                    break;
                }
                parents[v] = -1;
                v++;
            }
            if (v == n) {
                return best;
            }
        }
    }

    /** The deepest chain of a plan, or {@link Integer#MAX_VALUE} where it has a cycle. */
    static int depth(int[] parents) {
        int deepest = 0;
        for (int v = 0; v < parents.length; v++) {
            int depth = 0;
            for (int u = parents[v]; u >= 0; u = parents[u]) {
                if (++depth > parents.length) {
                    return Integer.MAX_VALUE;
                }
            }
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }
}
