package org.example.virtsimilarity.distance;

import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.concurrent.Workers;
import org.example.virtsimilarity.signature.ContentFingerprints;
import org.example.virtsimilarity.signature.Signature;

/**
 * Pairwise content distances: exact (a merge of every pair's sorted chunks) where that takes at most
 * {@value #EXACT_WORK} chunk steps, else estimated from {@link ContentSketch}es of about {@value #SKETCH_TARGET}
 * sampled contents an average image. The estimate's standard error is then about 0.35 percentage points for a pair
 * that shares half its data, and less towards clones and strangers; {@code bench/run} checks it against exact.
 */
public final class ContentDistances {
    static final long EXACT_WORK = 2_000_000_000L;
    public static final int SKETCH_TARGET = 20_000;
    private static final int ROWS_PER_BAND = 4;

    private ContentDistances() {
    }

    public static DistanceMatrix matrix(List<Signature> signatures, int threads) {
        List<ContentFingerprints> contents = signatures.stream().map(signature -> signature.content().orElseThrow(
                () -> new SimilarityException("cannot compare the content of " + signature.name()
                        + ": its signature holds no content fingerprints"))).toList();
        long chunks = contents.stream().mapToLong(ContentFingerprints::count).sum();
        int n = contents.size();
        if ((long) (n - 1) * chunks <= EXACT_WORK) {
            return exact(contents, threads);
        }
        return sketched(contents, ContentSketch.scaleFor(chunks / n, SKETCH_TARGET), threads);
    }

    static DistanceMatrix exact(List<ContentFingerprints> contents, int threads) {
        int n = contents.size();
        Workers.forEach(n, threads, 1, "virt-similarity-content", i -> contents.get(i).sortedKeys());
        long[] differing = new long[pairs(n)];
        long[] union = new long[pairs(n)];
        Workers.forEach(n, threads, 1, "virt-similarity-content", i -> {
            for (int j = i + 1; j < n; j++) {
                ContentComparison pair = ContentComparison.of(contents.get(i), contents.get(j));
                int at = DistanceMatrix.index(i, j, n);
                differing[at] = (pair.newBytes() + pair.removedBytes()) / ContentFingerprints.SECTOR;
                union[at] = pair.unionBytes() / ContentFingerprints.SECTOR;
            }
        });
        return inUnits(n, differing, union);
    }

    static DistanceMatrix sketched(List<ContentFingerprints> contents, int scale, int threads) {
        int n = contents.size();
        ContentSketch[] sketches = new ContentSketch[n];
        Workers.forEach(n, threads, 1, "virt-similarity-content", i -> sketches[i] = ContentSketch.of(contents.get(i),
                scale));
        return fromSketches(List.of(sketches), threads);
    }

    /** The estimated matrix of images known only by their sketches (all of one scale). */
    public static DistanceMatrix fromSketches(List<ContentSketch> sketches, int threads) {
        int n = sketches.size();
        long[] differing = new long[pairs(n)];
        long[] union = new long[pairs(n)];
        // a few rows at a time against each later sketch, so that sketch is read from memory once for all of them
        int bands = (n + ROWS_PER_BAND - 1) / ROWS_PER_BAND;
        Workers.forEach(bands, threads, 1, "virt-similarity-content", band -> {
            int first = band * ROWS_PER_BAND;
            int last = Math.min(n, first + ROWS_PER_BAND);
            for (int j = first + 1; j < n; j++) {
                for (int i = first; i < Math.min(last, j); i++) {
                    long[] estimate = sketches.get(i).compare(sketches.get(j));
                    int at = DistanceMatrix.index(i, j, n);
                    differing[at] = estimate[0];
                    union[at] = estimate[1];
                }
            }
        });
        return inUnits(n, differing, union);
    }

    /** Sector counts in the smallest unit (a power-of-two multiple of a sector) at which they fit in an int. */
    private static DistanceMatrix inUnits(int n, long[] differing, long[] union) {
        long largest = 0;
        for (long value : union) {
            largest = Math.max(largest, value);
        }
        int shift = 0;
        while ((largest >>> shift) > Integer.MAX_VALUE) {
            shift++;
        }
        int[] differingUnits = new int[differing.length];
        int[] unionUnits = new int[union.length];
        for (int k = 0; k < differing.length; k++) {
            differingUnits[k] = (int) (differing[k] >>> shift);
            unionUnits[k] = (int) (union[k] >>> shift);
        }
        return DistanceMatrix.content(n, ContentFingerprints.SECTOR << shift, differingUnits, unionUnits);
    }

    private static int pairs(int n) {
        long pairs = (long) n * (n - 1) / 2;
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot hold the distances of " + n + " images");
        }
        return (int) pairs;
    }
}
