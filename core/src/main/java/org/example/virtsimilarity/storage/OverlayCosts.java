package org.example.virtsimilarity.storage;

import java.util.Arrays;
import java.util.List;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.signature.Signature;

/**
 * The blocks each image would store: alone, its non-zero blocks; as a qcow2 overlay on another image, the positions
 * inside its own size where its block differs from what the other image reads there (zeros past the other's end),
 * zero blocks over the other's data included. Only overlays that store fewer blocks than standing alone are kept as
 * candidates: any other can be swapped for standing alone at no cost, which also shortens chains.
 */
final class OverlayCosts {
    private final long[] alone;
    /** Per image, the candidate parents, cheapest first (ties by index), and what each would cost. */
    private final int[][] parents;
    private final long[][] costs;

    private OverlayCosts(long[] alone, int[][] parents, long[][] costs) {
        this.alone = alone;
        this.parents = parents;
        this.costs = costs;
    }

    /** Costs from the signatures and their position distances (which count differences up to the longer end). */
    static OverlayCosts of(List<Signature> signatures, DistanceMatrix positions) {
        int n = signatures.size();
        int[] ends = signatures.stream().mapToInt(Signature::blockCount).distinct().sorted().toArray();
        long[][] beyond = new long[n][];
        for (int p = 0; p < n; p++) {
            beyond[p] = beyondEnds(signatures.get(p), ends);
        }
        long[] alone = signatures.stream().mapToLong(Signature::nonZeroBlocks).toArray();
        // past the child's end, the distance counted the parent's data, which an overlay does not store
        return of(alone, (c, p) -> positions.blocks(c, p)
                - beyond[p][Arrays.binarySearch(ends, signatures.get(c).blockCount())]);
    }

    /** Costs from a matrix: {@code over[c][p]} is what image c stores over image p (the diagonal is ignored). */
    static OverlayCosts of(long[] alone, long[][] over) {
        return of(alone.clone(), (c, p) -> over[c][p]);
    }

    /** What an image stores over another. */
    private interface Cost {
        long of(int image, int parent);
    }

    private static OverlayCosts of(long[] alone, Cost cost) {
        int n = alone.length;
        int[][] parents = new int[n][];
        long[][] costs = new long[n][];
        long[] keys = new long[n];
        for (int c = 0; c < n; c++) {
            int count = 0;
            for (int p = 0; p < n; p++) {
                long blocks = p == c ? alone[c] : cost.of(c, p);
                if (blocks < 0) {
                    throw new IllegalArgumentException("image " + c + " would store " + blocks + " blocks");
                }
                if (blocks < alone[c]) {
                    // block counts fit in 31 bits: one sort orders by cost, then by index
                    keys[count++] = blocks << 32 | p;
                }
            }
            Arrays.sort(keys, 0, count);
            parents[c] = new int[count];
            costs[c] = new long[count];
            for (int k = 0; k < count; k++) {
                parents[c][k] = (int) keys[k];
                costs[c][k] = keys[k] >>> 32;
            }
        }
        return new OverlayCosts(alone, parents, costs);
    }

    /**
     * The image's non-zero blocks at or past each of the sorted {@code ends} (zero for ends past its own): one pass
     * over the blocks past the shortest end, and none where all images have one size.
     */
    private static long[] beyondEnds(Signature image, int[] ends) {
        long[] beyond = new long[ends.length];
        long count = 0;
        int block = image.blockCount();
        for (int k = ends.length - 1; k >= 0; k--) {
            while (block > ends[k]) {
                block--;
                count += image.isZero(block) ? 0 : 1;
            }
            beyond[k] = ends[k] < image.blockCount() ? count : 0;
        }
        return beyond;
    }

    int size() {
        return alone.length;
    }

    long alone(int image) {
        return alone[image];
    }

    /** The images {@code image} would store fewer blocks over than alone, cheapest first. */
    int[] parents(int image) {
        return parents[image];
    }

    /** What {@code image} stores over each of {@link #parents(int)}, in the same order. */
    long[] costs(int image) {
        return costs[image];
    }

    /** What {@code image} stores over {@code parent}, -1 standing for alone. */
    long cost(int image, int parent) {
        if (parent < 0) {
            return alone[image];
        }
        int k = indexOf(image, parent);
        if (k < 0) {
            throw new IllegalArgumentException("image " + parent + " is no candidate parent of image " + image);
        }
        return costs[image][k];
    }

    /** Whether {@code image} stores fewer blocks over {@code parent} than alone. */
    boolean isCandidate(int image, int parent) {
        return indexOf(image, parent) >= 0;
    }

    private int indexOf(int image, int parent) {
        int[] candidates = parents[image];
        for (int k = 0; k < candidates.length; k++) {
            if (candidates[k] == parent) {
                return k;
            }
        }
        return -1;
    }

    /** The total of a plan given as parents (-1 for alone). */
    long total(int[] plan) {
        long total = 0;
        for (int image = 0; image < plan.length; image++) {
            total += cost(image, plan[image]);
        }
        return total;
    }
}
