package org.example.virtsimilarity.cluster;

import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.distance.DistanceMatrix;

/**
 * Upstream's hierarchical clustering, with upstream's exact order of subtrees. Each round finds the minimum
 * single-linkage distance d between current subtrees and groups every subtree that is at distance d from some other
 * subtree into one new node. The remaining subtrees come first, in reverse order, then the new node, whose children
 * are the grouped subtrees in reverse order.
 *
 * <p>Upstream recomputes all subtree distances from the leaves each round; here each subtree keeps a row of
 * single-linkage distances and the distance to its nearest neighbour. Merging takes the element-wise minimum of the
 * grouped rows, and no other subtree's nearest-neighbour distance changes (the minimum over a row is kept when some
 * entries are replaced by their minimum), so a round costs O(group size x subtrees) and the whole run O(n^2).
 */
public final class Clustering {
    private Clustering() {
    }

    public static Cladogram cluster(DistanceMatrix matrix) {
        int n = matrix.size();
        if (n == 0) {
            throw new IllegalArgumentException("nothing to cluster");
        }
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new int[n];
            for (int j = 0; j < n; j++) {
                rows[i][j] = matrix.clusteringDistance(i, j);
            }
        }
        Cladogram[] trees = new Cladogram[n];
        int[] nearest = new int[n];
        List<Integer> active = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            trees[i] = new Cladogram.Leaf(i);
            active.add(i);
        }
        for (int i : active) {
            nearest[i] = nearestDistance(rows[i], i, active);
        }
        while (active.size() > 1) {
            int min = Integer.MAX_VALUE;
            for (int slot : active) {
                min = Math.min(min, nearest[slot]);
            }
            List<Integer> group = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            for (int slot : active) {
                (nearest[slot] == min ? group : rest).add(slot);
            }
            int merged = group.get(0);
            int[] row = rows[merged];
            List<Cladogram> children = new ArrayList<>(group.size());
            for (int k = group.size() - 1; k >= 0; k--) {
                int slot = group.get(k);
                children.add(trees[slot]);
                if (slot != merged) {
                    int[] other = rows[slot];
                    for (int x : rest) {
                        row[x] = Math.min(row[x], other[x]);
                    }
                    rows[slot] = null;
                    trees[slot] = null;
                }
            }
            for (int x : rest) {
                rows[x][merged] = row[x];
            }
            trees[merged] = new Cladogram.Node(children, min);
            List<Integer> next = new ArrayList<>(rest.size() + 1);
            for (int k = rest.size() - 1; k >= 0; k--) {
                next.add(rest.get(k));
            }
            next.add(merged);
            active = next;
            nearest[merged] = nearestDistance(row, merged, active);
        }
        return trees[active.get(0)];
    }

    private static int nearestDistance(int[] row, int self, List<Integer> active) {
        int min = Integer.MAX_VALUE;
        for (int other : active) {
            if (other != self) {
                min = Math.min(min, row[other]);
            }
        }
        return min;
    }
}
