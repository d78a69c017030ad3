package org.example.virtsimilarity.explain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * times in the baseline, the last n - m in disk order are new. Adds up to the content comparison's new bytes.
     */
    static long[] content(ContentFingerprints image, ContentFingerprints baseline, List<DiskRange> ranges) {
        long[] bytes = new long[ranges.size() + 1];
        long[] theirs = baseline.sortedKeys();
        Map<Long, Integer> used = new HashMap<>();
        for (int chunk = 0; chunk < image.count(); chunk++) {
            long key = ContentFingerprints.key(image.fingerprint(chunk), image.sectors(chunk));
            int held = count(theirs, key);
            int seen = used.merge(key, 1, Integer::sum);
            if (seen > held) {
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

    private static int count(long[] sorted, long key) {
        int at = Arrays.binarySearch(sorted, key);
        if (at < 0) {
            return 0;
        }
        int low = at;
        while (low > 0 && sorted[low - 1] == key) {
            low--;
        }
        int high = at;
        while (high + 1 < sorted.length && sorted[high + 1] == key) {
            high++;
        }
        return high - low + 1;
    }

    long positionTotal() {
        return Arrays.stream(positionBytes).sum();
    }
}
