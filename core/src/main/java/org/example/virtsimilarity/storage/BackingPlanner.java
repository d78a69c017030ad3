package org.example.virtsimilarity.storage;

import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.signature.Signature;

/**
 * Plans the tree of qcow2 backing files that stores a set of images in the fewest bytes, from their positional
 * signatures: a minimum-cost arborescence ({@link Arborescence}) over "stands alone" and "is an overlay on that
 * image", then the chain-depth bound ({@link DepthBound}). The plan is exact where the cheapest tree fits the bound.
 */
public final class BackingPlanner {
    /** Chains deeper than this cost read speed: every read that misses an overlay goes one file further. */
    public static final int DEFAULT_MAX_CHAIN = 8;

    private BackingPlanner() {
    }

    /** The plan for signatures of one block size and hash, with their position distances computed here. */
    public static BackingPlan plan(List<Signature> signatures, int maxChain) {
        requireUsable(signatures, maxChain);
        return plan(signatures, Distances.matrix(signatures), maxChain);
    }

    /** The plan with the signatures' position distances already at hand (an analysis by position has them). */
    public static BackingPlan plan(List<Signature> signatures, DistanceMatrix positions, int maxChain) {
        requireUsable(signatures, maxChain);
        if (positions.measure() != Measure.POSITION || positions.size() != signatures.size()) {
            throw new IllegalArgumentException("a backing plan needs the position distances of its images");
        }
        OverlayCosts costs = OverlayCosts.of(signatures, positions);
        int edges = 0;
        for (int c = 0; c < costs.size(); c++) {
            edges += costs.parents(c).length;
        }
        int[] from = new int[edges];
        int[] to = new int[edges];
        long[] cost = new long[edges];
        long[] alone = new long[costs.size()];
        int e = 0;
        for (int c = 0; c < costs.size(); c++) {
            alone[c] = costs.alone(c);
            for (int k = 0; k < costs.parents(c).length; k++, e++) {
                from[e] = costs.parents(c)[k];
                to[e] = c;
                cost[e] = costs.costs(c)[k];
            }
        }
        int[] unbounded = Arborescence.cheapest(alone, from, to, cost);
        int[] parents = DepthBound.apply(unbounded, costs, maxChain);
        Forest forest = new Forest(parents);
        List<PlannedImage> images = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            Signature image = signatures.get(i);
            int p = parents[i];
            images.add(new PlannedImage(image.name(), p, forest.depth(i), costs.cost(i, p),
                    fileBytes(image, p < 0 ? null : signatures.get(p)), fileBytes(image, null)));
        }
        return new BackingPlan(images, signatures.get(0).blockSize(), maxChain,
                costs.total(unbounded));
    }

    private static void requireUsable(List<Signature> signatures, int maxChain) {
        if (maxChain < 0) {
            throw new IllegalArgumentException("the chain depth must not be negative: " + maxChain);
        }
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a backing plan needs images");
        }
    }

    /** The qcow2 file the image would be, alone ({@code parent} null) or over {@code parent}. */
    private static long fileBytes(Signature image, Signature parent) {
        int perTable = Qcow2Layout.blocksPerL2Table(image.blockSize());
        long blocks = 0;
        long tables = 0;
        int lastTable = -1;
        for (int block = 0; block < image.blockCount(); block++) {
            boolean stored = parent == null ? !image.isZero(block) : !image.sameAt(block, parent);
            if (stored) {
                blocks++;
                if (block / perTable != lastTable) {
                    lastTable = block / perTable;
                    tables++;
                }
            }
        }
        return Qcow2Layout.fileBytes(image.imageSize(), image.blockSize(), blocks, tables);
    }
}
