package org.example.virtsimilarity.cluster;

import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.distance.DistanceMatrix;

/** Upstream's clustering as upstream writes it (recomputing subtree distances every round): the oracle for tests. */
final class UpstreamReferenceClustering {
    private UpstreamReferenceClustering() {
    }

    static Cladogram cluster(DistanceMatrix matrix) {
        List<Cladogram> trees = new ArrayList<>();
        for (int i = 0; i < matrix.size(); i++) {
            trees.add(new Cladogram.Leaf(i));
        }
        while (trees.size() > 1) {
            int count = trees.size();
            int[][] distance = new int[count][count];
            int min = Integer.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                for (int j = i + 1; j < count; j++) {
                    int d = Integer.MAX_VALUE;
                    for (int x : trees.get(i).images()) {
                        for (int y : trees.get(j).images()) {
                            d = Math.min(d, matrix.blocks(x, y));
                        }
                    }
                    distance[i][j] = d;
                    min = Math.min(min, d);
                }
            }
            boolean[] inGroup = new boolean[count];
            for (int i = 0; i < count; i++) {
                for (int j = i + 1; j < count; j++) {
                    if (distance[i][j] == min) {
                        inGroup[i] = true;
                        inGroup[j] = true;
                    }
                }
            }
            List<Cladogram> group = new ArrayList<>();
            List<Cladogram> rest = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                (inGroup[i] ? group : rest).add(0, trees.get(i));
            }
            rest.add(new Cladogram.Node(group, min));
            trees = rest;
        }
        return trees.get(0);
    }
}
