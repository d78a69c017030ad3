package org.example.virtsimilarity.explain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.example.virtsimilarity.signature.ContentFingerprints;
import org.example.virtsimilarity.signature.Signature;

/**
 * Where on the disk an image differs from its baseline, by range (a partition), in both measures: blocks that differ
 * at their place, and data found nowhere in the baseline. What lies in no range is the last element of each array,
 * so each array adds up to the whole divergence.
 *
 * @param positionBytes   per range, then outside them: bytes of blocks that differ at the same place
 * @param contentNewBytes per range, then outside them: bytes of new data; empty without content fingerprints
 */
record DivergenceByRange(long[] positionBytes, Optional<long[]> contentNewBytes) {
    static DivergenceByRange of(Signature image, Signature baseline, List<DiskRange> ranges) {
        return new DivergenceByRange(position(image, baseline, ranges), image.content().flatMap(a -> baseline
                .content().map(b -> content(a, b, ranges))));
    }

    /** A differing block's bytes (the image's; past its end, the baseline's) go to the ranges they overlap. */
    static long[] position(Signature image, Signature baseline, List<DiskRange> ranges) {
        long[] bytes = new long[ranges.size() + 1];
        long blockSize = image.blockSize();
        long size = Math.max(image.imageSize(), baseline.imageSize());
        int blocks = Math.max(image.blockCount(), baseline.blockCount());
        for (int block = 0; block < blocks; block++) {
            if (!image.sameAt(block, baseline)) {
                long from = block * blockSize;
                spread(bytes, ranges, from, Math.min(from + blockSize, size));
            }
        }
        return bytes;
    }

    /**
     * The image's chunks that the baseline does not hold, as multisets: of a chunk held n times in the image and m
     * times in the baseline, the last n - m in disk order are new. Adds up to the content comparison's new bytes. In
     * O(n log n) whatever the guest repeats: a disk of one chunk a million times is as quick as any other.
     */
    static long[] content(ContentFingerprints image, ContentFingerprints baseline, List<DiskRange> ranges) {
        long[] bytes = new long[ranges.size() + 1];
        // each distinct key of the image with how many copies the baseline holds: one merge of the sorted keys
        long[] mine = image.sortedKeys();
        long[] theirs = baseline.sortedKeys();
        long[] keys = new long[mine.length];
        int[] allowance = new int[mine.length];
        int distinct = 0;
        int j = 0;
        for (int i = 0; i < mine.length; i++) {
            if (i > 0 && mine[i] == mine[i - 1]) {
                continue;
            }
            while (j < theirs.length && theirs[j] < mine[i]) {
                j++;
            }
            int held = 0;
            while (j < theirs.length && theirs[j] == mine[i]) {
                j++;
                held++;
            }
            keys[distinct] = mine[i];
            allowance[distinct++] = held;
        }
        for (int chunk = 0; chunk < image.count(); chunk++) {
            long key = ContentFingerprints.key(image.fingerprint(chunk), image.sectors(chunk));
            int at = Arrays.binarySearch(keys, 0, distinct, key);
            if (allowance[at]-- <= 0) {
                long from = image.startSector(chunk) * ContentFingerprints.SECTOR;
                spread(bytes, ranges, from, from + (long) image.sectors(chunk) * ContentFingerprints.SECTOR);
            }
        }
        return bytes;
    }

    private static void spread(long[] bytes, List<DiskRange> ranges, long from, long to) {
        long inRanges = 0;
        for (int i = 0; i < ranges.size(); i++) {
            long overlap = ranges.get(i).overlap(from, to);
            bytes[i] += overlap;
            inRanges += overlap;
        }
        bytes[ranges.size()] += (to - from) - inRanges;
    }

    long positionTotal() {
        return Arrays.stream(positionBytes).sum();
    }
}
