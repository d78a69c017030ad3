package org.example.virtsimilarity.distance;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 */
final class DeltaDistances {
    private static final int SAMPLES = 1024;
    private static final double AGREEMENT = 0.5;
    /** Pairs handed to a thread at a time within one row. */
    private static final int SLICE = 32;
    /** Earlier images a thread takes at a time when a row is computed by columns (its counters stay in cache). */
    private static final int COLUMN_SLICE = 256;
    private static final long HEAP_SPARE = 256L << 20;

    private final List<Signature> signatures;
    private final int n;
    private final int words;
    private final int[] reference;
    private final Delta[] deltas;
    /** Per image, the first digest word at each sampled position (0 for zero blocks): compact, so cheap to scan. */
    private final long[][] sampled;
    /**
     * Column-major 32-bit fingerprints, {@code columns[p][j]} for block p of image j (0 exactly for zero blocks), when
     * the heap has room: a row then scans each of its exception positions across all earlier images sequentially
     * instead of visiting every image's digests at random. Matches are confirmed against the full digests.
     */
    private int[][] columns;
    private final int[] differing;
    private final int[] union;

    private DeltaDistances(List<Signature> signatures) {
        this.signatures = signatures;
        this.n = signatures.size();
        this.words = signatures.get(0).algorithm().words();
        this.reference = new int[n];
        this.deltas = new Delta[n];
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
        parallel(signatures.size(), threads, i -> distances.sampled[i] = sample(signatures.get(i), samples));
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
        if (best >= 0) {
            Delta delta = Delta.between(image, signatures.get(best), words);
            deltas[i] = delta;
            int r = best;
            if (columns != null) {
                rowFromColumns(i, delta, threads);
            } else {
                parallel(i, threads, j -> {
                    int d = r == j ? 0 : differing[DistanceMatrix.index(r, j, n)];
                    int u = r == j ? signatures.get(r).nonZeroBlocks() : union[DistanceMatrix.index(r, j, n)];
                    correct(i, j, d, u, delta, signatures.get(j));
                });
            }
        } else {
            // a root: other roots block by block (in parallel), then the rest through their references, in order
            parallel(i, threads, j -> {
                if (reference[j] < 0) {
                    Signature other = signatures.get(j);
                    set(i, j, Distances.differingBlocks(image, other), Distances.nonZeroBlocks(image, other));
                }
            });
            for (int j = 0; j < i; j++) {
                if (reference[j] >= 0) {
                    int k = reference[j];
                    correct(i, j, differing[DistanceMatrix.index(i, k, n)], union[DistanceMatrix.index(i, k, n)],
                            deltas[j], image);
                }
            }
        }
    }

    /** Row i of a non-root image, by columns: the same corrections as {@link #correct}, for all earlier j at once. */
    private void rowFromColumns(int i, Delta delta, int threads) {
        int r = reference[i];
        Signature sr = signatures.get(r);
        int[] positions = delta.positions;
        int[] ownPrint = new int[positions.length];
        int[] refPrint = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            ownPrint[k] = fingerprint(delta.own, k * words, words);
            refPrint[k] = fingerprint(delta.reference, k * words, words);
        }
        int slices = (i + COLUMN_SLICE - 1) / COLUMN_SLICE;
        parallel(slices, threads, slice -> {
            int from = slice * COLUMN_SLICE;
            int to = Math.min(i, from + COLUMN_SLICE);
            int[] d = new int[to - from];
            int[] u = new int[to - from];
            for (int k = 0; k < positions.length; k++) {
                int p = positions[k];
                int[] column = columns[p];
                int own = ownPrint[k];
                int ref = refPrint[k];
                int zeroChange = (own == 0 ? 0 : 1) - (ref == 0 ? 0 : 1);
                for (int j = from; j < to; j++) {
                    int f = column[j];
                    if (f == 0) {
                        // y is zero here: it equals whichever of own and reference is zero
                        d[j - from] += ref == 0 ? 1 : own == 0 ? -1 : 0;
                        u[j - from] += zeroChange;
                    } else if (f == ref && equal(signatures.get(j), p, false, delta.reference, k * words)) {
                        d[j - from]++;
                    } else if (f == own && equal(signatures.get(j), p, false, delta.own, k * words)) {
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

    /** The column table if it fits in the free heap with {@value #HEAP_SPARE} bytes to spare, else null. */
    private static int[][] columns(List<Signature> signatures, int threads) {
        int n = signatures.size();
        int longest = signatures.stream().mapToInt(Signature::blockCount).max().orElse(0);
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long needed = (long) longest * (n * 4L + 16);
        if (n < 2 * COLUMN_SLICE || needed > free - HEAP_SPARE) {
            return null;
        }
        int[][] columns = new int[longest][n];
        int words = signatures.get(0).algorithm().words();
        // a band of positions at a time, so each image's digests are read in order and the band stays in cache
        int band = 4096;
        parallel((longest + band - 1) / band, threads, b -> {
            int from = b * band;
            int to = Math.min(longest, from + band);
            for (int j = 0; j < n; j++) {
                Signature signature = signatures.get(j);
                for (int p = from; p < to; p++) {
                    columns[p][j] = signature.isZeroAt(p) ? 0 : fingerprint(signature, p, words);
                }
            }
        });
        return columns;
    }

    private static int fingerprint(Signature signature, int p, int words) {
        long word = signature.word(p, 0) ^ signature.word(p, words - 1) * 31;
        int print = (int) (word ^ (word >>> 32));
        return print == 0 ? 1 : print;
    }

    private static int fingerprint(long[] packed, int at, int words) {
        boolean zero = true;
        for (int w = 0; w < words; w++) {
            zero &= packed[at + w] == 0;
        }
        if (zero) {
            return 0;
        }
        long word = packed[at] ^ packed[at + words - 1] * 31;
        int print = (int) (word ^ (word >>> 32));
        return print == 0 ? 1 : print;
    }

    /**
     * Sets d(x, y) for an image x that differs from its reference only at {@code delta}'s positions, given the
     * reference's counts against y. At such a position x's and the reference's blocks differ, so at most one of
     * them equals y's block; and where y's block is not zero, the non-zero count does not change.
     */
    private void correct(int i, int j, int referenceDiffering, int referenceUnion, Delta delta, Signature y) {
        int d = referenceDiffering;
        int u = referenceUnion;
        long[] own = delta.own;
        long[] ref = delta.reference;
        int[] positions = delta.positions;
        for (int k = 0, at = 0; k < positions.length; k++, at += words) {
            int p = positions[k];
            boolean yZero = y.isZeroAt(p);
            if (equal(y, p, yZero, ref, at)) {
                d++;
            } else if (equal(y, p, yZero, own, at)) {
                d--;
            }
            if (yZero) {
                u += (isZero(own, at) ? 0 : 1) - (isZero(ref, at) ? 0 : 1);
            }
        }
        set(i, j, d, u);
    }

    private boolean equal(Signature y, int p, boolean yZero, long[] packed, int at) {
        if (yZero) {
            return isZero(packed, at);
        }
        for (int w = 0; w < words; w++) {
            if (y.word(p, w) != packed[at + w]) {
                return false;
            }
        }
        return true;
    }

    private boolean isZero(long[] packed, int at) {
        for (int w = 0; w < words; w++) {
            if (packed[at + w] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Where an image differs from its reference, with both images' digests there, packed. */
    private record Delta(int[] positions, long[] own, long[] reference) {
        static Delta between(Signature image, Signature reference, int words) {
            int end = Math.max(image.blockCount(), reference.blockCount());
            int[] positions = new int[64];
            int count = 0;
            for (int p = 0; p < end; p++) {
                if (!image.sameAt(p, reference)) {
                    if (count == positions.length) {
                        positions = Arrays.copyOf(positions, positions.length * 2);
                    }
                    positions[count++] = p;
                }
            }
            positions = Arrays.copyOf(positions, count);
            return new Delta(positions, pack(image, positions, words), pack(reference, positions, words));
        }

        private static long[] pack(Signature signature, int[] positions, int words) {
            long[] packed = new long[positions.length * words];
            for (int k = 0; k < positions.length; k++) {
                if (!signature.isZeroAt(positions[k])) {
                    for (int w = 0; w < words; w++) {
                        packed[k * words + w] = signature.word(positions[k], w);
                    }
                }
            }
            return packed;
        }
    }

    private void set(int i, int j, int d, int u) {
        int at = DistanceMatrix.index(i, j, n);
        differing[at] = d;
        union[at] = u;
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

    /** Runs task(0 .. count-1), slices of {@value #SLICE} handed to {@code threads} threads. */
    private static void parallel(int count, int threads, IntConsumer task) {
        if (threads <= 1 || count <= SLICE) {
            for (int k = 0; k < count; k++) {
                task.accept(k);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int from = next.getAndAdd(SLICE); from < count && failure.get() == null;
                        from = next.getAndAdd(SLICE)) {
                    for (int k = from; k < Math.min(count, from + SLICE); k++) {
                        task.accept(k);
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        Workers.run(threads, "virt-similarity-distances", work);
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
