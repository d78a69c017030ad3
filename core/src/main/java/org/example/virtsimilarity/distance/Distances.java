package org.example.virtsimilarity.distance;

import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.signature.Signature;

/** Compares signatures block position by block position. */
public final class Distances {
    private Distances() {
    }

    /** The distance matrix of signatures that must all share one block size and hash. */
    public static DistanceMatrix matrix(List<Signature> signatures) {
        Signature first = signatures.get(0);
        for (Signature signature : signatures) {
            if (!signature.isComparableWith(first)) {
                throw new SimilarityException("cannot compare " + signature.name() + " (" + describe(signature)
                        + ") with " + first.name() + " (" + describe(first) + ")");
            }
        }
        DistanceMatrix.Builder builder = DistanceMatrix.builder(signatures.size(), first.blockSize());
        for (int i = 0; i < signatures.size(); i++) {
            for (int j = i + 1; j < signatures.size(); j++) {
                Signature a = signatures.get(i);
                Signature b = signatures.get(j);
                builder.set(i, j, differingBlocks(a, b), nonZeroBlocks(a, b));
            }
        }
        return builder.build();
    }

    private static String describe(Signature signature) {
        return signature.blockSize() + "-byte blocks, " + signature.algorithm();
    }

    /** Upstream's distance: positions that differ; past the shorter image, the longer one's non-zero blocks. */
    public static int differingBlocks(Signature a, Signature b) {
        int common = Math.min(a.blockCount(), b.blockCount());
        int count = 0;
        for (int block = 0; block < common; block++) {
            if (!a.sameBlock(block, b)) {
                count++;
            }
        }
        return count + nonZeroTail(a, common) + nonZeroTail(b, common);
    }

    /** Positions where at least one of the two is not zero. */
    public static int nonZeroBlocks(Signature a, Signature b) {
        int common = Math.min(a.blockCount(), b.blockCount());
        int count = 0;
        for (int block = 0; block < common; block++) {
            if (!a.isZero(block) || !b.isZero(block)) {
                count++;
            }
        }
        return count + nonZeroTail(a, common) + nonZeroTail(b, common);
    }

    private static int nonZeroTail(Signature signature, int from) {
        int count = 0;
        for (int block = from; block < signature.blockCount(); block++) {
            if (!signature.isZero(block)) {
                count++;
            }
        }
        return count;
    }
}
