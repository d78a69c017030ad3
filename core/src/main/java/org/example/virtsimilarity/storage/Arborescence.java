package org.example.virtsimilarity.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cheapest spanning arborescence (Chu-Liu/Edmonds) over n nodes hanging from a virtual root that reaches every
 * node: each node picks its cheapest incoming edge, a cycle of picks is contracted into one node whose incoming edges
 * cost what they would save, and the contractions are undone in reverse at the end. Incoming edges sit in mergeable
 * heaps with lazy cost shifts and contracted nodes in a union-find that can be rolled back (Tarjan's form), so a run
 * costs O(E log E): a million candidate edges (1,000 images of one family) take well under a second.
 */
final class Arborescence {
    private final int root;
    private final int[] source;
    private final int[] target;
    private final Heaps heaps;
    private final RollbackUnion sets;

    private Arborescence(long[] rootCost, int[] from, int[] to, long[] cost) {
        int n = rootCost.length;
        this.root = n;
        int edges = n + from.length;
        this.source = new int[edges];
        this.target = new int[edges];
        long[] key = new long[edges];
        for (int v = 0; v < n; v++) {
            source[v] = root;
            target[v] = v;
            key[v] = rootCost[v];
        }
        for (int e = 0; e < from.length; e++) {
            if (from[e] == to[e] || from[e] < 0 || from[e] >= n || to[e] < 0 || to[e] >= n) {
                throw new IllegalArgumentException("edge " + from[e] + " -> " + to[e] + " of " + n + " nodes");
            }
            source[n + e] = from[e];
            target[n + e] = to[e];
            key[n + e] = cost[e];
        }
        this.heaps = new Heaps(key);
        this.sets = new RollbackUnion(n + 1);
    }

    /**
     * Each node's parent in a cheapest arborescence, -1 where it hangs from the root. Node v may hang from the root
     * at {@code rootCost[v]} or from {@code from[e]} at {@code cost[e]} where {@code to[e] == v}.
     */
    static int[] cheapest(long[] rootCost, int[] from, int[] to, long[] cost) {
        if (from.length != to.length || from.length != cost.length) {
            throw new IllegalArgumentException("edge arrays of different lengths");
        }
        return new Arborescence(rootCost, from, to, cost).solve();
    }

    private int[] solve() {
        int n = root;
        int[] incoming = new int[n + 1];
        Arrays.fill(incoming, -1);
        for (int e = 0; e < source.length; e++) {
            incoming[target[e]] = heaps.merge(incoming[target[e]], e);
        }
        int[] seen = new int[n + 1];
        Arrays.fill(seen, -1);
        seen[root] = root;
        int[] chosen = new int[n + 1];
        int[] pathNode = new int[n];
        int[] pathEdge = new int[n];
        List<Contraction> contractions = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            int u = start;
            int length = 0;
            while (seen[u] < 0) {
                int e = cheapestInto(u, incoming);
                pathNode[length] = u;
                pathEdge[length++] = e;
                seen[u] = start;
                int w = sets.find(source[e]);
                if (seen[w] != start) {
                    u = w;
                    continue;
                }
                // the picks from w to u close a cycle: contract it into one node
                int time = sets.time();
                int first = length;
                int merged = -1;
                do {
                    first--;
                    merged = heaps.merge(merged, incoming[pathNode[first]]);
                } while (pathNode[first] != w);
                for (int k = first; k < length; k++) {
                    sets.union(w, pathNode[k]);
                }
                u = sets.find(w);
                incoming[u] = merged;
                seen[u] = -1;
                contractions.add(new Contraction(u, time, Arrays.copyOfRange(pathEdge, first, length)));
                length = first;
            }
            for (int k = 0; k < length; k++) {
                chosen[pathNode[k]] = pathEdge[k];
            }
        }
        // undo the contractions, last first: the edge entering a cycle replaces the pick of the node it enters
        for (int c = contractions.size() - 1; c >= 0; c--) {
            Contraction contraction = contractions.get(c);
            int entering = chosen[contraction.node];
            sets.rollback(contraction.time);
            for (int e : contraction.edges) {
                chosen[sets.find(target[e])] = e;
            }
            chosen[sets.find(target[entering])] = entering;
        }
        int[] parents = new int[n];
        for (int v = 0; v < n; v++) {
            int from = source[chosen[v]];
            parents[v] = from == root ? -1 : from;
        }
        return parents;
    }

    /** Takes node u's cheapest incoming edge from outside it and lowers the others by its cost. */
    private int cheapestInto(int u, int[] incoming) {
        int e;
        do {
            if (incoming[u] < 0) {
                throw new IllegalStateException("node " + u + " cannot be reached from the root");
            }
            e = incoming[u];
            incoming[u] = heaps.pop(e);
        } while (sets.find(source[e]) == u);
        incoming[u] = heaps.shift(incoming[u], -heaps.key(e));
        return e;
    }

    /** A contracted cycle: the node it became, the union-find's time before, and the picks that formed it. */
    private record Contraction(int node, int time, int[] edges) {
    }

    /**
     * Leftist heaps over edge ids ordered by cost (ties by id, so results do not depend on merge order), with a lazy
     * shift per subtree. A heap is its root's id, -1 when empty; a root's {@link #key} is exact.
     */
    private static final class Heaps {
        private final long[] key;
        private final long[] pending;
        private final int[] left;
        private final int[] right;
        private final int[] rank;

        Heaps(long[] key) {
            this.key = key;
            int size = key.length;
            this.pending = new long[size];
            this.left = new int[size];
            this.right = new int[size];
            this.rank = new int[size];
            Arrays.fill(left, -1);
            Arrays.fill(right, -1);
            Arrays.fill(rank, 1);
        }

        long key(int heap) {
            return key[heap];
        }

        int merge(int a, int b) {
            if (a < 0) {
                return b;
            }
            if (b < 0) {
                return a;
            }
            if (key[b] < key[a] || key[b] == key[a] && b < a) {
                int swap = a;
                a = b;
                b = swap;
            }
            push(a);
            right[a] = merge(right[a], b);
            if (rank(left[a]) < rank(right[a])) {
                int swap = left[a];
                left[a] = right[a];
                right[a] = swap;
            }
            rank[a] = rank(right[a]) + 1;
            return a;
        }

        /** The heap without its root. */
        int pop(int heap) {
            push(heap);
            return merge(left[heap], right[heap]);
        }

        /** The heap with every key moved by {@code delta}. */
        int shift(int heap, long delta) {
            if (heap >= 0) {
                key[heap] += delta;
                pending[heap] += delta;
            }
            return heap;
        }

        private void push(int node) {
            if (pending[node] != 0) {
                shift(left[node], pending[node]);
                shift(right[node], pending[node]);
                pending[node] = 0;
            }
        }

        private int rank(int heap) {
            return heap < 0 ? 0 : rank[heap];
        }
    }

    /** Union by size without path compression, so that unions can be undone in reverse order. */
    private static final class RollbackUnion {
        private final int[] parent;
        private final int[] size;
        private final int[] joined;
        private int joins;

        RollbackUnion(int n) {
            this.parent = new int[n];
            this.size = new int[n];
            this.joined = new int[n];
            for (int v = 0; v < n; v++) {
                parent[v] = v;
                size[v] = 1;
            }
        }

        int find(int v) {
            while (parent[v] != v) {
                v = parent[v];
            }
            return v;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int swap = ra;
                ra = rb;
                rb = swap;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
            joined[joins++] = rb;
        }

        int time() {
            return joins;
        }

        void rollback(int time) {
            while (joins > time) {
                int rb = joined[--joins];
                size[parent[rb]] -= size[rb];
                parent[rb] = rb;
            }
        }
    }
}
