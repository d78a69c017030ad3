package org.example.virtsimilarity.distance;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.example.virtsimilarity.concurrent.Workers;
import org.example.virtsimilarity.signature.Signature;

/**
 * Exact pairwise distances that exploit clone families. Images are taken in order; each one's reference is the
 * earlier image it shares most sampled blocks with, and the image is kept as E(i), the sorted positions where it
 * differs from its reference r. Every other position of i holds r's block, so for any earlier j
 *
 * <pre>d(i, j) = d(r, j) - #{p in E(i) : r(p) != j(p)} + #{p in E(i) : i(p) != j(p)}</pre>
 *
 * with d(r, j) already known (r and j both came before i). The non-zero counts follow the same way. An image with no
 * reference sharing half its sampled non-zero blocks is a root: root pairs are compared block by block, and a root's
 * distance to a non-root j expands j against its reference instead. A clone costs its own changes per pair, not the
 * image's block count; the choice of references only decides speed, never the result.
 *
 * <p>Where the heap has room, a column-major table of 32-bit fingerprints ({@code columns[p][j]}, 0 exactly for zero
 * blocks) turns a row into sequential scans of its exception positions across all earlier images; fingerprint
 * matches are confirmed against the full digests.
 */
final class DeltaDistances {
    private static final int SAMPLES = 1024;
    private static final double AGREEMENT = 0.5;
    /** Earlier images one task of a row covers (the row's counters for them stay in cache). */
    private static final int ROW_SLICE = 256;
    private static final long HEAP_SPARE = 256L << 20;

    private final List<Signature> signatures;
    private final int n;
    private final int[] reference;
    /** Per image, the sorted positions where it differs from its reference (empty for roots). */
    private final int[][] exceptions;
    private final int[] differing;
    private final int[] union;
    /** Per image, the first digest word at each sampled position (0 for zero blocks): compact, so cheap to scan. */
    private final long[][] sampled;
    private int[][] columns;

    private DeltaDistances(List<Signature> signatures) {
        this.signatures = signatures;
        this.n = signatures.size();
        this.reference = new int[n];
        this.exceptions = new int[n][];
        this.sampled = new long[n][];
        long pairs = (long) n * (n - 1) / 2;
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot hold the distances of " + n + " images");
        }
        this.differing = new int[(int) pairs];
        this.union = new int[(int) pairs];
    }

    static DistanceMatrix compute(List<Signature> signatures, int threads) {
        DeltaDistances distances = new DeltaDistances(signatures);
        int[] samples = samplePositions(signatures);
        parallel(signatures.size(), threads, 32, i -> distances.sampled[i] = sample(signatures.get(i), samples));
        distances.columns = columns(signatures, threads);
        for (int i = 0; i < signatures.size(); i++) {
            distances.add(i, threads);
        }
        return DistanceMatrix.of(distances.n, signatures.get(0).blockSize(), distances.differing, distances.union);
    }

    private static int[] samplePositions(List<Signature> signatures) {
        int longest = signatures.stream().mapToInt(Signature::blockCount).max().orElse(0);
        int[] samples = new int[Math.min(SAMPLES, longest)];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = (int) ((long) k * longest / samples.length);
        }
        return samples;
    }

    /** Chooses image i's reference among the earlier images, then fills row i. */
    private void add(int i, int threads) {
        Signature image = signatures.get(i);
        int best = -1;
        double bestScore = AGREEMENT;
        for (int j = 0; j < i && bestScore < 1.0; j++) {
            double score = agreement(sampled[i], sampled[j]);
            if (score >= bestScore && (best < 0 || score > bestScore)) {
                best = j;
                bestScore = score;
            }
        }
        reference[i] = best;
        exceptions[i] = best < 0 ? new int[0] : differingPositions(image, signatures.get(best));
        int r = best;
        if (r >= 0 && columns != null) {
            rowFromColumns(i, threads);
        } else if (r >= 0) {
            parallel(i, threads, 32, j -> correct(i, r, j, r == j ? 0 : differing[DistanceMatrix.index(r, j, n)],
                    r == j ? signatures.get(r).nonZeroBlocks() : union[DistanceMatrix.index(r, j, n)]));
        } else {
            // a root: other roots block by block (in parallel), then the rest through their references, in order
            parallel(i, threads, 1, j -> {
                if (reference[j] < 0) {
                    Signature other = signatures.get(j);
                    set(i, j, Distances.differingBlocks(image, other), Distances.nonZeroBlocks(image, other));
                }
            });
            for (int j = 0; j < i; j++) {
                int k = reference[j];
                if (k >= 0) {
                    correct(j, k, i, differing[DistanceMatrix.index(i, k, n)], union[DistanceMatrix.index(i, k, n)]);
                }
            }
        }
    }

    /**
     * Sets d(x, y) for an image x that differs from its reference r only at E(x), given r's counts against y. At such
     * a position x's and r's blocks differ, so at most one of them equals y's; and where y's block is not zero, the
     * non-zero count does not change.
     */
    private void correct(int x, int r, int y, int referenceDiffering, int referenceUnion) {
        Signature sx = signatures.get(x);
        Signature sr = signatures.get(r);
        Signature sy = signatures.get(y);
        int d = referenceDiffering;
        int u = referenceUnion;
        for (int p : exceptions[x]) {
            if (sy.sameAt(p, sr)) {
                d++;
            } else if (sy.sameAt(p, sx)) {
                d--;
            }
            if (sy.isZeroAt(p)) {
                u += (sx.isZeroAt(p) ? 0 : 1) - (sr.isZeroAt(p) ? 0 : 1);
            }
        }
        set(x, y, d, u);
    }

    /** Row i of a non-root image by columns: the corrections of {@link #correct} for all earlier images at once. */
    private void rowFromColumns(int i, int threads) {
        int r = reference[i];
        Signature si = signatures.get(i);
        Signature sr = signatures.get(r);
        int[] positions = exceptions[i];
        int words = si.algorithm().words();
        int[] ownPrint = new int[positions.length];
        int[] refPrint = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            ownPrint[k] = fingerprint(si, positions[k], words);
            refPrint[k] = fingerprint(sr, positions[k], words);
        }
        parallel((i + ROW_SLICE - 1) / ROW_SLICE, threads, 1, slice -> {
            int from = slice * ROW_SLICE;
            int to = Math.min(i, from + ROW_SLICE);
            int[] d = new int[to - from];
            int[] u = new int[to - from];
            for (int k = 0; k < positions.length; k++) {
                int p = positions[k];
                int[] column = columns[p];
                int own = ownPrint[k];
                int ref = refPrint[k];
                int zeroShift = (own == 0 ? 0 : 1) - (ref == 0 ? 0 : 1);
                int zeroMatch = ref == 0 ? 1 : own == 0 ? -1 : 0;
                for (int j = from; j < to; j++) {
                    int f = column[j];
                    if (f == 0) {
                        // j's block is zero here: it equals whichever of i's and r's is zero
                        d[j - from] += zeroMatch;
                        u[j - from] += zeroShift;
                    } else if (f == ref && signatures.get(j).sameAt(p, sr)) {
                        d[j - from]++;
                    } else if (f == own && signatures.get(j).sameAt(p, si)) {
                        d[j - from]--;
                    }
                }
            }
            for (int j = from; j < to; j++) {
                int base = r == j ? 0 : differing[DistanceMatrix.index(r, j, n)];
                int baseUnion = r == j ? sr.nonZeroBlocks() : union[DistanceMatrix.index(r, j, n)];
                set(i, j, base + d[j - from], baseUnion + u[j - from]);
            }
        });
    }

    /** Whether {@link #compute} builds the column table for these signatures (the same test, run alone). */
    static boolean buildsColumnTable(List<Signature> signatures) {
        return columns(signatures, 1) != null;
    }

    /** The column table, if enough images share it and it fits in the free heap with room to spare; else null. */
    private static int[][] columns(List<Signature> signatures, int threads) {
        int n = signatures.size();
        int longest = signatures.stream().mapToInt(Signature::blockCount).max().orElse(0);
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long needed = (long) longest * (n * 4L + 16);
        if (n < 2 * ROW_SLICE || needed > free - HEAP_SPARE) {
            return null;
        }
        int[][] columns = new int[longest][n];
        int words = signatures.get(0).algorithm().words();
        // a band of positions at a time, so each image's digests are read in order and the band stays in cache
        int band = 4096;
        parallel((longest + band - 1) / band, threads, 1, b -> {
            int from = b * band;
            int to = Math.min(longest, from + band);
            for (int j = 0; j < n; j++) {
                Signature signature = signatures.get(j);
                for (int p = from; p < to; p++) {
                    columns[p][j] = fingerprint(signature, p, words);
                }
            }
        });
        return columns;
    }

    /** 32 bits of a block's digest: 0 exactly for zero (or absent) blocks. */
    private static int fingerprint(Signature signature, int p, int words) {
        if (signature.isZeroAt(p)) {
            return 0;
        }
        long word = signature.word(p, 0) ^ signature.word(p, words - 1) * 31;
        int print = (int) (word ^ (word >>> 32));
        return print == 0 ? 1 : print;
    }

    private void set(int i, int j, int d, int u) {
        int at = DistanceMatrix.index(i, j, n);
        differing[at] = d;
        union[at] = u;
    }

    private static int[] differingPositions(Signature a, Signature b) {
        int end = Math.max(a.blockCount(), b.blockCount());
        int[] positions = new int[64];
        int count = 0;
        for (int p = 0; p < end; p++) {
            if (!a.sameAt(p, b)) {
                if (count == positions.length) {
                    positions = Arrays.copyOf(positions, positions.length * 2);
                }
                positions[count++] = p;
            }
        }
        return Arrays.copyOf(positions, count);
    }

    private static long[] sample(Signature signature, int[] samples) {
        long[] values = new long[samples.length];
        for (int k = 0; k < samples.length; k++) {
            values[k] = signature.isZeroAt(samples[k]) ? 0 : signature.word(samples[k], 0) | 1;
        }
        return values;
    }

    /** The share of sampled positions, non-zero in either image, where the two hold the same block. */
    private static double agreement(long[] a, long[] b) {
        int considered = 0;
        int same = 0;
        for (int k = 0; k < a.length; k++) {
            if ((a[k] | b[k]) != 0) {
                considered++;
                if (a[k] == b[k]) {
                    same++;
                }
            }
        }
        return considered == 0 ? 1.0 : (double) same / considered;
    }

    /** Runs task(0 .. count-1) on {@code threads} threads, {@code grain} tasks handed out at a time. */
    private static void parallel(int count, int threads, int grain, IntConsumer task) {
        Workers.forEach(count, threads, grain, "virt-similarity-distances", task);
    }
}
