package org.example.virtsimilarity.distance;

import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.signature.Signature;

/** Block-by-block comparison of signatures; positions past an image's end count as zero blocks. */
public final class Distances {
    private Distances() {
    }

    /** The exact distance matrix of signatures that must share one block size, hash and scheme, using two threads. */
    public static DistanceMatrix matrix(List<Signature> signatures) {
        return matrix(signatures, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** The distance matrix by either measure (content: exact where it fits, see {@link ContentDistances}). */
    public static DistanceMatrix matrix(List<Signature> signatures, Measure measure) {
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        if (measure == Measure.POSITION) {
            return matrix(signatures, threads);
        }
        // content fingerprints do not depend on the block size, only on the hash and the scheme
        Signature first = signatures.get(0);
        for (Signature signature : signatures) {
            if (!signature.isContentComparableWith(first)) {
                throw new SimilarityException("cannot compare the content of " + signature.name() + " ("
                        + signature.algorithm() + ", " + signature.scheme() + ") with " + first.name() + " ("
                        + first.algorithm() + ", " + first.scheme() + ")");
            }
        }
        return ContentDistances.matrix(signatures, threads);
    }

    public static DistanceMatrix matrix(List<Signature> signatures, int threads) {
        Signature first = signatures.get(0);
        for (Signature signature : signatures) {
            if (!signature.isComparableWith(first)) {
                throw new SimilarityException("cannot compare " + signature.name() + " (" + signature.settings()
                        + ") with " + first.name() + " (" + first.settings() + ")");
            }
        }
        return DeltaDistances.compute(signatures, threads);
    }

    /** Upstream's distance: positions that differ; past the shorter image, the longer one's non-zero blocks. */
    public static int differingBlocks(Signature a, Signature b) {
        int end = Math.max(a.blockCount(), b.blockCount());
        int count = 0;
        for (int block = 0; block < end; block++) {
            if (!a.sameAt(block, b)) {
                count++;
            }
        }
        return count;
    }

    /** Positions where at least one of the two is not zero. */
    public static int nonZeroBlocks(Signature a, Signature b) {
        int end = Math.max(a.blockCount(), b.blockCount());
        int count = 0;
        for (int block = 0; block < end; block++) {
            if (!a.isZeroAt(block) || !b.isZeroAt(block)) {
                count++;
            }
        }
        return count;
    }
}
