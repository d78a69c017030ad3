package org.example.virtsimilarity.distance;

import org.example.virtsimilarity.signature.ContentFingerprints;

/**
 * How an image's content compares with a baseline's, exactly, as multisets of chunks (a chunk held twice counts
 * twice, so copying one block a thousand times is not free). All figures are bytes of data (non-zero sectors).
 *
 * @param imageBytes    the image's data
 * @param baselineBytes the baseline's data
 * @param newBytes      the image's data whose content is nowhere in the baseline
 * @param removedBytes  the baseline's data whose content is nowhere in the image
 * @param inPlaceBytes  the image's data held by the baseline at the same place
 */
public record ContentComparison(long imageBytes, long baselineBytes, long newBytes, long removedBytes,
                                long inPlaceBytes) {
    public ContentComparison {
        if (newBytes < 0 || newBytes > imageBytes || removedBytes < 0 || removedBytes > baselineBytes
                || inPlaceBytes < 0 || inPlaceBytes > imageBytes - newBytes
                || imageBytes - newBytes != baselineBytes - removedBytes) {
            throw new IllegalArgumentException("inconsistent content comparison " + imageBytes + "/" + baselineBytes
                    + "/" + newBytes + "/" + removedBytes + "/" + inPlaceBytes);
        }
    }

    /** Compares {@code image} with {@code baseline}: a merge of their sorted chunk keys, then of their places. */
    public static ContentComparison of(ContentFingerprints image, ContentFingerprints baseline) {
        long[] a = image.sortedKeys();
        long[] b = baseline.sortedKeys();
        long newSectors = 0;
        long removedSectors = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            long key = i == a.length ? b[j] : j == b.length ? a[i] : Math.min(a[i], b[j]);
            int inA = 0;
            while (i < a.length && a[i] == key) {
                i++;
                inA++;
            }
            int inB = 0;
            while (j < b.length && b[j] == key) {
                j++;
                inB++;
            }
            long sectors = ContentFingerprints.keySectors(key);
            newSectors += sectors * Math.max(0, inA - inB);
            removedSectors += sectors * Math.max(0, inB - inA);
        }
        long sector = ContentFingerprints.SECTOR;
        return new ContentComparison(image.dataBytes(), baseline.dataBytes(), newSectors * sector,
                removedSectors * sector, inPlaceSectors(image, baseline) * sector);
    }

    /** Chunks both hold at the same place with the same content (both lists are in disk order). */
    private static long inPlaceSectors(ContentFingerprints a, ContentFingerprints b) {
        long sectors = 0;
        int j = 0;
        for (int i = 0; i < a.count(); i++) {
            while (j < b.count() && b.startSector(j) < a.startSector(i)) {
                j++;
            }
            if (j < b.count() && b.startSector(j) == a.startSector(i) && b.sectors(j) == a.sectors(i)
                    && b.fingerprint(j) == a.fingerprint(i)) {
                sectors += a.sectors(i);
            }
        }
        return sectors;
    }

    /** The image's data that the baseline also holds, somewhere. */
    public long sharedBytes() {
        return imageBytes - newBytes;
    }

    /** The image's data that the baseline holds, but elsewhere: data that merely moved. */
    public long movedBytes() {
        return sharedBytes() - inPlaceBytes;
    }

    /**
     * The gate's divergence of the image from its baseline, from 0 to 1: the share of the image's data that is new.
     * An image without data diverges fully from a baseline with data (everything was removed), not at all from an
     * empty one.
     */
    public double divergence() {
        if (imageBytes == 0) {
            return baselineBytes == 0 ? 0.0 : 1.0;
        }
        return (double) newBytes / imageBytes;
    }

    /** The symmetric distance for clustering: 1 minus the weighted Jaccard similarity of the two multisets. */
    public double distance() {
        long union = unionBytes();
        return union == 0 ? 0.0 : (double) (newBytes + removedBytes) / union;
    }

    /** Data in either image, each shared chunk once: the weighted Jaccard's denominator. */
    public long unionBytes() {
        return sharedBytes() + newBytes + removedBytes;
    }
}
